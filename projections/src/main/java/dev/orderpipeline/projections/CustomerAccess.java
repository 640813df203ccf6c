package dev.orderpipeline.projections;

import dev.orderpipeline.platform.security.Authorization;
import dev.orderpipeline.platform.security.Security;
import io.javalin.http.Context;

/**
 * Decides whether the caller of a request may see data of one customer: the per-resource half of
 * {@link dev.orderpipeline.platform.security.Role#ORDERS_READ}, which a route role alone cannot express because the customer of an order is
 * only known after reading it. Called by the order and customer controllers; throws a
 * {@link dev.orderpipeline.platform.http.ProblemException} to refuse.
 */
@FunctionalInterface
public interface CustomerAccess {

    void check(Context ctx, String customerId);

    /**
     * The rule of the pipeline: the authenticated caller ({@link Security#principal}) must be an admin or bound to
     * this customer, else 403. Needs {@link Security} installed on the hosting server.
     */
    static CustomerAccess ownCustomerOrAdmin() {
        return (ctx, customerId) -> Authorization.requireCustomer(Security.principal(ctx), customerId);
    }

    /** Lets everybody see everything: for servers without authentication, such as tests of the views. */
    static CustomerAccess anyone() {
        return (ctx, customerId) -> {
        };
    }
}
