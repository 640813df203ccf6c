package dev.orderpipeline.projections.view;

import java.util.List;

/**
 * What {@code GET /sales/monthly?from=&to=} answers: every month of the inclusive range in ascending order (months
 * without sales included, with zeros), gathered from whichever instances own them, and their total.
 */
public record MonthlySalesRangeView(String from, String to, List<MonthlySalesView> months, SalesTotal total) {

    public MonthlySalesRangeView {
        months = List.copyOf(months);
    }
}
