package dev.orderpipeline.projections.internal.http;

import dev.orderpipeline.platform.http.ProblemException;
import dev.orderpipeline.projections.CustomerAccess;
import dev.orderpipeline.projections.internal.query.Answer;
import dev.orderpipeline.projections.internal.query.Caller;
import dev.orderpipeline.projections.internal.query.OrderStatusQueries;
import dev.orderpipeline.projections.view.OrderStatusView;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * {@code GET /orders/{orderId}}, optionally {@code ?waitFor=terminal&timeout=5s}: a long-poll that answers as soon
 * as the order is CONFIRMED, REJECTED or CANCELLED, or with its current status (200, {@code "terminal":false}) when
 * the timeout passes. Only the order's customer (or an admin) may see it, decided by {@link CustomerAccess} once the
 * order is read.
 */
public final class OrdersController {

    private final OrderStatusQueries orders;
    private final CustomerAccess access;
    private final Duration defaultWait;
    private final Duration maxWait;

    public OrdersController(final OrderStatusQueries orders, final CustomerAccess access, final Duration defaultWait,
                            final Duration maxWait) {
        this.orders = orders;
        this.access = access;
        this.defaultWait = defaultWait;
        this.maxWait = maxWait;
    }

    public void get(final Context ctx) {
        final String orderId = RequestParams.id("orderId", ctx.pathParam("orderId"));
        final String waitFor = ctx.queryParam("waitFor");
        final String timeout = ctx.queryParam("timeout");
        final Caller caller = Replies.caller(ctx);
        final Answer<OrderStatusView> answer;
        if (waitFor == null) {
            if (timeout != null) {
                throw ProblemException.invalidParameter("timeout", "only applies with waitFor=terminal");
            }
            answer = orders.get(orderId, caller);
        } else if ("terminal".equals(waitFor)) {
            final Duration wait = timeout == null ? defaultWait : RequestParams.duration("timeout", timeout, maxWait);
            answer = orders.awaitTerminal(orderId, wait, caller);
        } else {
            throw ProblemException.invalidParameter("waitFor", "must be 'terminal'");
        }
        access.check(ctx, answer.value().customerId());
        Replies.ok(ctx, answer);
    }
}
