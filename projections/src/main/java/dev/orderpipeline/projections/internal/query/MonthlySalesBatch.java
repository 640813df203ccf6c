package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.projections.view.MonthlySalesView;
import java.util.List;

/**
 * Several months answered by one instance: the answer of the peer route that range queries fan out to, so a range
 * costs one request per instance, not one per month.
 */
public record MonthlySalesBatch(List<MonthlySalesView> months) {

    public MonthlySalesBatch {
        months = List.copyOf(months);
    }
}
