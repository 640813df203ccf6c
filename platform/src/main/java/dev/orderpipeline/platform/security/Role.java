package dev.orderpipeline.platform.security;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do. Attach roles to routes ({@code routes.get(path, handler, Role.SALES_READ)}); a caller needs
 * one of a route's roles, and {@link #ADMIN} counts as every role.
 */
public enum Role implements RouteRole {
    /** Place and cancel orders (for the caller's own customer when the caller is bound to one). */
    ORDERS_WRITE("orders:write"),
    /** Read orders: only the caller's own customer's, unless admin (see {@link Authorization#requireCustomer}). */
    ORDERS_READ("orders:read"),
    /** Read the sales views. */
    SALES_READ("sales:read"),
    /** Scrape {@code /metrics} when metrics are protected; lets a Prometheus scraper hold nothing more. */
    METRICS_READ("metrics:read"),
    /** Everything, including loading stock and funds and reading every customer's orders. */
    ADMIN("admin");

    private final String id;

    Role(final String id) {
        this.id = id;
    }

    /** The name used in configuration, tokens and documents, e.g. {@code orders:write}. */
    public String id() {
        return id;
    }

    /** The role with this {@link #id()}, if any. */
    public static Optional<Role> fromId(final String id) {
        return Arrays.stream(values()).filter(role -> role.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
