package dev.orderpipeline.projections.view;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sum of several months' sales, with the average order value per currency over all of them (rounded down to
 * a whole minor unit, like a month's; derived, the argument is ignored).
 */
public record SalesTotal(long orders, long units, Map<String, Long> revenueMinor, Map<String, Long> ordersByCurrency,
                         Map<String, Long> averageOrderValueMinor) {

    public SalesTotal {
        revenueMinor = Money.sorted(revenueMinor);
        ordersByCurrency = Money.sorted(ordersByCurrency);
        averageOrderValueMinor = Money.averages(revenueMinor, ordersByCurrency);
    }

    /** Sums the months exactly; an overflow throws rather than wraps. */
    public static SalesTotal of(final List<MonthlySalesView> months) {
        long orders = 0;
        long units = 0;
        final Map<String, Long> revenue = new HashMap<>();
        final Map<String, Long> ordersByCurrency = new HashMap<>();
        for (final MonthlySalesView month : months) {
            orders = Math.addExact(orders, month.orders());
            units = Math.addExact(units, month.units());
            Money.addInto(revenue, month.revenueMinor());
            Money.addInto(ordersByCurrency, month.ordersByCurrency());
        }
        return new SalesTotal(orders, units, revenue, ordersByCurrency, Map.of());
    }
}
