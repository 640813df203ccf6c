package dev.orderpipeline.projections;

import io.javalin.security.RouteRole;

/**
 * The permission each projections route needs, attached to the route at registration
 * ({@link ProjectionsService#routes}). An access manager (a {@code beforeMatched} handler of the hosting server) reads
 * them with {@code ctx.routeRoles()} and decides; this module does not authenticate anybody itself. Requests
 * forwarded between instances carry the caller's own credentials, so the owner checks the same permission; there is
 * no instance-to-instance role.
 */
public enum ProjectionsAccess implements RouteRole {
    /** Sales figures: role {@code sales:read}. */
    SALES_READ("sales:read"),
    /**
     * One order or one customer's orders: role {@code orders:read}, and only for the caller's own customer id unless
     * {@code admin} — that part is checked by {@link CustomerAccess} once the customer is known.
     */
    ORDERS_READ("orders:read");

    private final String scope;

    ProjectionsAccess(final String scope) {
        this.scope = scope;
    }

    /** The role or scope name the security module knows this permission by. */
    public String scope() {
        return scope;
    }
}
