package dev.orderpipeline.projections.view;

import java.util.Map;

/**
 * What {@code GET /sales/monthly/{month}} answers: confirmed orders created in the month (net of reversals), their
 * units, and revenue per currency in integer minor units, e.g.
 * {@code {"month":"2026-11","orders":3,"units":6,"revenueMinor":{"EUR":2800,"USD":999},
 * "ordersByCurrency":{"EUR":2,"USD":1},"averageOrderValueMinor":{"EUR":1400,"USD":999}}}.
 *
 * @param month                  calendar month, {@code yyyy-MM}, in the projection's time zone
 * @param orders                 confirmed orders, all currencies
 * @param units                  units in those orders
 * @param revenueMinor           revenue per currency, minor units
 * @param ordersByCurrency       confirmed orders per currency
 * @param averageOrderValueMinor revenue / orders per currency, rounded down to a whole minor unit; always derived
 *                               from the two maps above (the argument is ignored), so it can never disagree
 */
public record MonthlySalesView(String month, long orders, long units, Map<String, Long> revenueMinor,
                               Map<String, Long> ordersByCurrency, Map<String, Long> averageOrderValueMinor) {

    public MonthlySalesView {
        revenueMinor = Money.sorted(revenueMinor);
        ordersByCurrency = Money.sorted(ordersByCurrency);
        averageOrderValueMinor = Money.averages(revenueMinor, ordersByCurrency);
    }

    /** A month's figures; the averages are derived, whatever is passed for them. */
    public static MonthlySalesView of(final String month, final long orders, final long units,
                                      final Map<String, Long> revenueMinor, final Map<String, Long> ordersByCurrency) {
        return new MonthlySalesView(month, orders, units, revenueMinor, ordersByCurrency, Map.of());
    }

    /** A month without confirmed orders. */
    public static MonthlySalesView empty(final String month) {
        return of(month, 0, 0, Map.of(), Map.of());
    }
}
