package dev.orderpipeline.topology;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.topology.internal.AdjustmentPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo data the local stack starts with, so that the README's quick-start orders are confirmed out of the box:
 * products {@code SKU-1} .. {@code SKU-100} with 1,000,000 units each, and customers {@code c-1} .. {@code c-1000}
 * with 100,000,000 minor units (one million in a two-decimal currency) in each of EUR, USD and GBP.
 *
 * <p>It is written as ordinary records of the {@code inventory} and {@code accounts} topics, all of kind SET, so
 * seeding twice sets the same levels again (and so resets whatever orders used meanwhile: seed a fresh stack only).
 *
 * @param skuCount         products {@code SKU-1} .. {@code SKU-<skuCount>}
 * @param stockPerSku      units of each product
 * @param customerCount    customers {@code c-1} .. {@code c-<customerCount>}
 * @param currencies       currencies every customer has funds in
 * @param fundsPerCurrency minor units per customer and currency
 */
public record DemoCatalogue(int skuCount, long stockPerSku, int customerCount, List<String> currencies,
                            long fundsPerCurrency) {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCatalogue.class);

    public DemoCatalogue {
        currencies = List.copyOf(Objects.requireNonNull(currencies, "currencies"));
        if (skuCount < 0 || customerCount < 0 || stockPerSku < 0 || fundsPerCurrency < 0) {
            throw new IllegalArgumentException("counts and amounts must not be negative");
        }
    }

    /** The documented demo catalogue. */
    public static DemoCatalogue standard() {
        return new DemoCatalogue(100, 1_000_000L, 1000, List.of("EUR", "USD", "GBP"), 100_000_000L);
    }

    /** Produces the {@linkplain #standard() standard} catalogue and waits until the broker has it. */
    public static void seed(final KafkaSettings kafka, final Topics topics) {
        standard().publish(kafka, topics);
    }

    /** Produces this catalogue to {@code inventory} and {@code accounts} and waits until the broker has it. */
    public void publish(final KafkaSettings kafka, final Topics topics) {
        final Instant now = Instant.now();
        try (AdjustmentPublisher publisher = new AdjustmentPublisher(kafka, topics)) {
            final List<Future<RecordMetadata>> sent = new ArrayList<>();
            stock(now).forEach(adjustment -> sent.add(publisher.send(adjustment)));
            funds(now).forEach(adjustment -> sent.add(publisher.send(adjustment)));
            publisher.flush();
            // a seed that silently lost records would reject orders for no visible reason: fail loudly instead
            sent.forEach(AdjustmentPublisher::await);
        }
        LOG.info("Seeded the demo catalogue: {} SKUs with {} units, {} customers with {} in each of {}", skuCount,
                stockPerSku, customerCount, fundsPerCurrency, currencies);
    }

    /** The {@code inventory} records of this catalogue. */
    public List<InventoryAdjustment> stock(final Instant at) {
        return IntStream.rangeClosed(1, skuCount)
                .mapToObj(i -> new InventoryAdjustment("SKU-" + i, AdjustmentKind.SET, stockPerSku, at))
                .toList();
    }

    /** The {@code accounts} records of this catalogue. */
    public List<AccountAdjustment> funds(final Instant at) {
        final List<AccountAdjustment> records = new ArrayList<>(customerCount * currencies.size());
        for (int i = 1; i <= customerCount; i++) {
            for (final String currency : currencies) {
                records.add(new AccountAdjustment("c-" + i, currency, AdjustmentKind.SET, fundsPerCurrency, at));
            }
        }
        return records;
    }
}
