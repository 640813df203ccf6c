package dev.orderpipeline.projections.internal.http;

import dev.orderpipeline.projections.internal.http.RequestParams.MonthRange;
import dev.orderpipeline.projections.internal.query.MonthlySalesQueries;
import dev.orderpipeline.projections.internal.query.ProductSalesQueries;
import io.javalin.http.Context;

/**
 * {@code GET /sales/monthly?from=&to=}, {@code GET /sales/monthly/{month}} and
 * {@code GET /sales/monthly/{month}/products?top=N} (N from 1 to 100, default 10).
 */
public final class SalesController {

    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 100;

    private final MonthlySalesQueries months;
    private final ProductSalesQueries products;

    public SalesController(final MonthlySalesQueries months, final ProductSalesQueries products) {
        this.months = months;
        this.products = products;
    }

    public void range(final Context ctx) {
        final MonthRange range = RequestParams.range(ctx.queryParam("from"), ctx.queryParam("to"));
        Replies.ok(ctx, months.range(range.from(), range.to(), Replies.caller(ctx)));
    }

    public void month(final Context ctx) {
        Replies.ok(ctx, months.month(RequestParams.month("month", ctx.pathParam("month")), Replies.caller(ctx)));
    }

    public void topProducts(final Context ctx) {
        final int top = RequestParams.integer("top", ctx.queryParam("top"), DEFAULT_TOP, 1, MAX_TOP);
        Replies.ok(ctx, products.top(RequestParams.month("month", ctx.pathParam("month")), top, Replies.caller(ctx)));
    }
}
