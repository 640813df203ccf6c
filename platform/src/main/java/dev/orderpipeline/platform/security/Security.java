package dev.orderpipeline.platform.security;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication and route-level authorization for one Javalin server. Install it once per server, next to the
 * services' routes:
 *
 * <pre>{@code
 * final SecurityConfig security = SecurityConfig.from(env);
 * HttpServer.create(json, health, metrics, List.of(
 *         config -> Security.install(config, security),
 *         ingest::routes, projections::routes));
 * }</pre>
 *
 * <p>Before any matched route runs, the caller is authenticated unless the route is public ({@link Access#PUBLIC},
 * a health probe, {@code /metrics} when metrics are public, or a configured public path). Missing or rejected
 * credentials end the request with 401 and {@code WWW-Authenticate}; a caller without one of the route's
 * {@link Role}s gets 403. Handlers read the caller with {@link #principal(Context)}. Unmatched paths still answer
 * 404 without authentication.
 */
public final class Security {

    private static final Logger LOG = LoggerFactory.getLogger(Security.class);
    private static final String PRINCIPAL_ATTRIBUTE = Security.class.getName() + ".principal";
    /** Used when no security is installed at all, so handlers still fail closed. */
    private static final String FALLBACK_CHALLENGE = "ApiKey realm=\"order-pipeline\", header=\"X-API-Key\"";

    private final SecurityConfig config;
    private final Authenticator authenticator;

    private Security(final SecurityConfig config, final Clock clock) {
        this.config = config;
        this.authenticator = new Authenticator(config, clock);
    }

    /**
     * Installs authentication and role checks into a server being configured.
     *
     * @throws IllegalArgumentException when key material named by the configuration cannot be loaded
     */
    public static Security install(final JavalinConfig javalin, final SecurityConfig config) {
        return install(javalin, config, Clock.systemUTC());
    }

    /** As {@link #install(JavalinConfig, SecurityConfig)}, with the clock that decides token expiry (tests). */
    public static Security install(final JavalinConfig javalin, final SecurityConfig config, final Clock clock) {
        final Security security = new Security(config, clock);
        javalin.routes.beforeMatched(security::check);
        if (config.profile() == SecurityProfile.LOCAL) {
            LOG.warn("SECURITY_PROFILE=local: the development API key is accepted (role admin); never run like this "
                    + "in production");
        }
        return security;
    }

    /**
     * The authenticated caller of this request.
     *
     * @throws dev.orderpipeline.platform.http.ProblemException 401 when the request was not authenticated (a public
     *                                                          route, or security not installed: fail closed)
     */
    public static Principal principal(final Context ctx) {
        return findPrincipal(ctx).orElseThrow(() -> SecurityProblems.unauthorized(
                "This request needs an authenticated caller", FALLBACK_CHALLENGE));
    }

    /** The authenticated caller, if this request was authenticated. */
    public static Optional<Principal> findPrincipal(final Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL_ATTRIBUTE));
    }

    private void check(final Context ctx) {
        final Set<RouteRole> declared = ctx.routeRoles();
        if (declared.contains(Access.PUBLIC) || config.isPublic(routePath(ctx))) {
            return;
        }
        final String apiKey = ctx.header("X-API-Key");
        final String authorization = ctx.header("Authorization");
        final Principal principal;
        try {
            principal = authenticator.authenticate(apiKey, authorization);
        } catch (final AuthenticationFailure failure) {
            if (apiKey == null && authorization == null) {
                LOG.debug("Unauthenticated {} {}: no credentials", ctx.method(), ctx.path());
            } else {
                LOG.info("Rejected credentials on {} {}: {}", ctx.method(), ctx.path(), failure.getMessage());
            }
            throw SecurityProblems.unauthorized(failure.getMessage(), authenticator.challenge(failure));
        }
        ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
        final Set<Role> required = requiredRoles(declared, routePath(ctx));
        if (!principal.hasAnyRole(required)) {
            LOG.info("Forbidden {} {} for {}: needs one of {}", ctx.method(), ctx.path(), principal.subject(), required);
            throw SecurityProblems.forbidden("Requires one of the roles " + required);
        }
    }

    private static Set<Role> requiredRoles(final Set<RouteRole> declared, final String routePath) {
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        declared.stream().filter(Role.class::isInstance).map(Role.class::cast).forEach(roles::add);
        if (SecurityConfig.METRICS_PATH.equals(routePath)) {
            roles.add(Role.METRICS_READ);
        }
        return roles;
    }

    private static String routePath(final Context ctx) {
        final Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? ctx.path() : matched.path;
    }
}
