package dev.orderpipeline.projections;

import io.javalin.http.Context;

/**
 * Decides whether the caller of a request may see data of one customer: the per-resource half of
 * {@link ProjectionsAccess#ORDERS_READ}, which a route role alone cannot express because the customer of an order is
 * only known after reading it. Called by the order and customer controllers; throws a
 * {@link dev.orderpipeline.platform.http.ProblemException} (404 is the safest answer, as it does not reveal that the
 * order exists) to refuse.
 */
@FunctionalInterface
public interface CustomerAccess {

    void check(Context ctx, String customerId);

    /** Lets everybody see everything: for the time before authentication exists, and for tests. */
    static CustomerAccess anyone() {
        return (ctx, customerId) -> {
        };
    }
}
