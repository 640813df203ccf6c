package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.schemas.avro.LineItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One order of the chaos mix, derived only from the run's seed and its index, so a run with the same seed places
 * the same orders.
 *
 * @param index      position in the run
 * @param http       placed with {@code POST /orders} (else produced directly to {@code orders})
 * @param customerId {@code chaos-c-<n>}
 * @param currency   EUR or USD
 * @param items      1 to 3 lines of distinct SKUs
 * @param monthsBack direct orders are dated 0 to 2 months back, so several sales months are audited
 * @param invalid    breaks a rule on purpose (a line with quantity 0): must be REJECTED, not dead-lettered
 * @param duplicate  a direct order produced twice (a client retry): must change nothing
 * @param cancel     its cancellation is requested once it is acknowledged
 * @param cancelDelayMillis how long after the acknowledgement the cancellation is sent: half within 1.5 s (usually
 *                          before the decision: a CANCELLED decision), half after 10 to 20 s (usually a reversal of a
 *                          confirmation, or nothing after a rejection)
 */
record ChaosOrder(long index, boolean http, String customerId, String currency, List<LineItem> items, int monthsBack,
                  boolean invalid, boolean duplicate, boolean cancel, long cancelDelayMillis) {

    static ChaosOrder of(final ChaosSettings settings, final long index) {
        final SplittableRandom random = new SplittableRandom(settings.seed() ^ (index * 0x9E3779B97F4A7C15L));
        final boolean http = random.nextDouble() < settings.httpShare();
        final Set<Integer> skus = new LinkedHashSet<>();
        final int lines = 1 + random.nextInt(3);
        while (skus.size() < Math.min(lines, settings.skus())) {
            skus.add(1 + random.nextInt(settings.skus()));
        }
        final boolean invalid = !http && random.nextDouble() < settings.invalidShare();
        final List<LineItem> items = new ArrayList<>();
        for (final int sku : skus) {
            items.add(new LineItem(sku(sku), invalid && items.isEmpty() ? 0 : 1 + random.nextInt(3),
                    100L + random.nextInt(1_900)));
        }
        return new ChaosOrder(index, http, customer(1 + random.nextInt(settings.customers())),
                random.nextDouble() < 0.7 ? "EUR" : "USD", List.copyOf(items), http ? 0 : random.nextInt(3),
                invalid, !http && !invalid && random.nextDouble() < settings.duplicateShare(),
                random.nextDouble() < settings.cancelShare(),
                random.nextBoolean() ? random.nextLong(1_500) : 10_000 + random.nextLong(10_000));
    }

    static String sku(final int n) {
        return "chaos-sku-" + n;
    }

    static String customer(final int n) {
        return "chaos-c-" + n;
    }

    /** The {@code POST /orders} body. */
    String json() {
        final StringBuilder body = new StringBuilder(200).append("{\"customerId\":\"").append(customerId)
                .append("\",\"currency\":\"").append(currency).append("\",\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            final LineItem item = items.get(i);
            body.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"sku\":\"%s\",\"quantity\":%d,\"unitPriceMinor\":%d}", item.getSku(), item.getQuantity(),
                    item.getUnitPriceMinor()));
        }
        return body.append("]}").toString();
    }
}
