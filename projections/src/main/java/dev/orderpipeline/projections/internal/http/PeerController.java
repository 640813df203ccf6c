package dev.orderpipeline.projections.internal.http;

import dev.orderpipeline.projections.internal.query.MonthlySalesQueries;
import io.javalin.http.Context;

/**
 * {@code GET /internal/sales/monthly?months=2026-01,2026-04}: the months this instance holds, from its own state
 * only. Called by other instances gathering a range; not part of the public API.
 */
public final class PeerController {

    private final MonthlySalesQueries months;

    public PeerController(final MonthlySalesQueries months) {
        this.months = months;
    }

    public void monthlySales(final Context ctx) {
        Replies.ok(ctx, months.localBatch(RequestParams.months("months", ctx.queryParam("months"),
                RequestParams.MAX_RANGE_MONTHS)));
    }
}
