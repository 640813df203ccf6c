package dev.orderpipeline.projections.internal.http;

import dev.orderpipeline.platform.http.ProblemException;
import dev.orderpipeline.projections.CustomerAccess;
import dev.orderpipeline.projections.internal.query.CustomerOrdersQueries;
import dev.orderpipeline.projections.internal.store.CustomerOrderKeys.Cursor;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code GET /customers/{customerId}/orders?limit=&cursor=}: a page of the customer's orders, newest first;
 * {@code limit} from 1 to 100 (default 20), {@code cursor} the {@code nextCursor} of the previous page.
 */
public final class CustomersController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final CustomerOrdersQueries orders;
    private final CustomerAccess access;

    public CustomersController(final CustomerOrdersQueries orders, final CustomerAccess access) {
        this.orders = orders;
        this.access = access;
    }

    public void orders(final Context ctx) {
        final String customerId = RequestParams.id("customerId", ctx.pathParam("customerId"));
        final int limit = RequestParams.integer("limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        final String token = ctx.queryParam("cursor");
        final Optional<Cursor> cursor = token == null ? Optional.empty() : Optional.of(Cursor.parse(token)
                .orElseThrow(() -> ProblemException.invalidParameter("cursor", "is not a nextCursor of this list")));
        access.check(ctx, customerId);
        Replies.ok(ctx, orders.page(customerId, limit, cursor, Replies.caller(ctx)));
    }
}
