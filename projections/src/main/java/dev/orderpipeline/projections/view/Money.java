package dev.orderpipeline.projections.view;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Exact arithmetic on per-currency amounts shared by the sales views. */
final class Money {

    private Money() {
    }

    /** An unmodifiable copy sorted by currency, so JSON output is stable. */
    static Map<String, Long> sorted(final Map<String, Long> amounts) {
        return amounts == null || amounts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(amounts));
    }

    /**
     * Average order value per currency: revenue divided by orders of that currency, rounded down to a whole minor
     * unit ({@link Math#floorDiv}), e.g. 1000 over 3 orders is 333. Rounding down is exact, never floating point, and
     * the remainder is recoverable from {@code revenueMinor} and {@code ordersByCurrency}. Currencies without orders
     * have no average.
     */
    static Map<String, Long> averages(final Map<String, Long> revenueMinor, final Map<String, Long> ordersByCurrency) {
        final Map<String, Long> averages = new TreeMap<>();
        ordersByCurrency.forEach((currency, orders) -> {
            if (orders > 0) {
                averages.put(currency, Math.floorDiv(revenueMinor.getOrDefault(currency, 0L), orders));
            }
        });
        return averages.isEmpty() ? Map.of() : Collections.unmodifiableMap(averages);
    }

    /** Adds {@code delta} into {@code total} per currency, with overflow surfacing as an exception. */
    static void addInto(final Map<String, Long> total, final Map<String, Long> delta) {
        delta.forEach((currency, amount) -> total.merge(currency, amount, Math::addExact));
    }
}
