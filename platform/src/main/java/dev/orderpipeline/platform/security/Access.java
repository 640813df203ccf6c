package dev.orderpipeline.platform.security;

import io.javalin.security.RouteRole;

/**
 * Route markers that are not roles a caller can hold. Routes carrying neither a {@link Role} nor one of these still
 * need an authenticated caller (deny by default), so forgetting to declare roles never opens a route.
 */
public enum Access implements RouteRole {
    /** Anyone, without credentials (documents, probes). Credentials sent anyway are ignored. */
    PUBLIC,
    /** Any authenticated caller, whatever its roles; the handler decides the rest. */
    AUTHENTICATED
}
