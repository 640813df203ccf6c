/**
 * Authentication, role-based authorization and TLS for every HTTP API of the pipeline, so each service enforces the
 * same rules with the same code.
 *
 * <p>A process installs it once per Javalin server with {@link dev.orderpipeline.platform.security.Security#install}.
 * Routes declare what they need as Javalin route roles ({@link dev.orderpipeline.platform.security.Role}, or
 * {@link dev.orderpipeline.platform.security.Access#PUBLIC}); the installed handler authenticates the caller (API
 * key in {@code X-API-Key}, hashed at rest; or a JWT bearer token, HS256 or RS256) before any matched route runs and
 * answers {@code 401} (with {@code WWW-Authenticate}) or {@code 403} as {@code application/problem+json}. Routes
 * that also depend on <em>which</em> customer the data belongs to ask
 * {@link dev.orderpipeline.platform.security.Authorization}. Deny by default: a matched route that declares nothing
 * still needs an authenticated caller, unless it is public.
 *
 * <p>Configuration comes from {@link dev.orderpipeline.platform.config.Env} ({@code SECURITY_*}, {@code HTTP_TLS_*});
 * see {@link dev.orderpipeline.platform.security.SecurityConfig}. This package knows nothing about orders, topics or
 * any service's routes.
 */
package dev.orderpipeline.platform.security;
