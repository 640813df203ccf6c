package dev.orderpipeline.platform.security;

import dev.orderpipeline.platform.http.ProblemException;
import java.util.List;

/**
 * Checks that depend on the data, not only on the route: "own orders only, unless admin". Route-level role checks
 * are done by {@link Security} before the handler runs; a handler that has loaded a customer's data calls these.
 *
 * <pre>{@code
 * config.routes.get("/orders/{id}", ctx -> {
 *     final OrderView order = queries.order(ctx.pathParam("id")).orElseThrow(...);
 *     Authorization.requireCustomer(Security.principal(ctx), order.customerId());   // 403 for someone else's
 *     ctx.json(order);
 * }, Role.ORDERS_READ);
 * }</pre>
 */
public final class Authorization {

    private Authorization() {
    }

    /**
     * Ends the request with {@code 403} unless the caller may act for this customer ({@link Principal#mayActFor}).
     *
     * @throws ProblemException 403
     */
    public static void requireCustomer(final Principal principal, final String customerId) {
        if (!principal.mayActFor(customerId)) {
            throw SecurityProblems.forbidden("This belongs to another customer; a caller bound to a customer may only act for that customer");
        }
    }

    /**
     * Ends the request with {@code 403} unless the caller holds one of the roles (or is admin). For handlers whose
     * role needs are only known after looking at the request.
     *
     * @throws ProblemException 403
     */
    public static void requireAnyRole(final Principal principal, final Role... roles) {
        if (!principal.hasAnyRole(List.of(roles))) {
            throw SecurityProblems.forbidden("Requires one of the roles " + List.of(roles));
        }
    }
}
