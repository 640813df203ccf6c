package dev.orderpipeline.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.projections.avro.CustomerOrder;
import dev.orderpipeline.projections.avro.MonthlySales;
import dev.orderpipeline.projections.avro.OrderHistory;
import dev.orderpipeline.projections.avro.ProductSales;
import dev.orderpipeline.projections.internal.store.CustomerOrderKeys;
import dev.orderpipeline.projections.internal.store.ProductSalesKeys;
import dev.orderpipeline.projections.testing.ProjectionsDriver;
import dev.orderpipeline.projections.testing.TestOrder;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-style check of the sales invariant (a month's figures are exactly the sum over the orders created in it
 * that are confirmed and not reversed, per currency) and of the latest-status views, for random orders whose events
 * arrive interleaved, out of order within an order, and replayed, in a zone far from UTC.
 */
class ProjectionsInvariantsTest {

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "JPY");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Pacific/Kiritimati"), ZoneId.of("America/Los_Angeles"),
            ZoneId.of("UTC"));

    private record Outcome(TestOrder order, List<OrderStatusChanged> events, boolean counts) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20_261_130L})
    void shouldSumExactlyTheConfirmedUnreversedOrdersOfEachMonthWhateverTheOrderOfEvents(final long seed) {
        // Given
        final Random random = new Random(seed);
        final ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        final List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            outcomes.add(randomOrder(random, "o-" + seed + "-" + i));
        }
        final List<OrderStatusChanged> stream = new ArrayList<>();
        outcomes.forEach(outcome -> stream.addAll(outcome.events()));
        for (int i = 0; i < stream.size() / 5; i++) {
            stream.add(stream.get(random.nextInt(stream.size())));
        }
        Collections.shuffle(stream, random);
        try (ProjectionsDriver driver = new ProjectionsDriver(zone)) {
            // When
            driver.pipe(stream);
            // Then
            final Map<String, long[]> expectedMonths = new HashMap<>();
            final Map<String, Long> expectedRevenue = new HashMap<>();
            final Map<String, Long> expectedProductUnits = new HashMap<>();
            for (final Outcome outcome : outcomes) {
                final OrderStatusChanged last = latest(outcome.events());
                assertThat(driver.<OrderHistory>get(ProjectionsTopology.ORDER_STATUS_STORE, last.getOrderId()).getStatus())
                        .as("latest status of %s", last.getOrderId()).isEqualTo(last.getStatus().name());
                assertThat(driver.<CustomerOrder>get(ProjectionsTopology.CUSTOMER_ORDERS_STORE, CustomerOrderKeys.key(
                        last.getCustomerId(), last.getOrderCreatedAt(), last.getOrderId())).getStatus())
                        .as("listed status of %s", last.getOrderId()).isEqualTo(last.getStatus().name());
                if (outcome.counts()) {
                    final String month = ProjectionsTopology.month(last, zone);
                    final long[] ordersAndUnits = expectedMonths.computeIfAbsent(month, m -> new long[2]);
                    ordersAndUnits[0]++;
                    for (final LineItem item : last.getItems()) {
                        ordersAndUnits[1] += item.getQuantity();
                        expectedProductUnits.merge(month + "|" + item.getSku(), (long) item.getQuantity(), Long::sum);
                    }
                    expectedRevenue.merge(month + "|" + last.getCurrency(), last.getTotalMinor(), Long::sum);
                }
            }
            expectedMonths.forEach((month, ordersAndUnits) -> {
                final MonthlySales sales = driver.get(ProjectionsTopology.MONTHLY_SALES_STORE, month);
                assertThat(sales.getOrders()).as("orders of %s", month).isEqualTo(ordersAndUnits[0]);
                assertThat(sales.getUnits()).as("units of %s", month).isEqualTo(ordersAndUnits[1]);
                CURRENCIES.forEach(currency -> assertThat(sales.getRevenueMinor().getOrDefault(currency, 0L))
                        .as("%s revenue of %s", currency, month)
                        .isEqualTo(expectedRevenue.getOrDefault(month + "|" + currency, 0L)));
            });
            expectedProductUnits.forEach((key, units) -> {
                final String[] monthAndSku = key.split("\\|");
                final ProductSales product = driver.get(ProjectionsTopology.PRODUCT_SALES_STORE,
                        ProductSalesKeys.key(monthAndSku[0], monthAndSku[1]));
                assertThat(product.getUnits()).as("units of %s", key).isEqualTo(units);
            });
        }
    }

    private static Outcome randomOrder(final Random random, final String orderId) {
        final Instant createdAt = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextLong(365L * 24 * 3600));
        final TestOrder order = TestOrder.order(orderId).customer("c-" + random.nextInt(20)).createdAt(createdAt.toString())
                .currency(CURRENCIES.get(random.nextInt(CURRENCIES.size())));
        for (int line = 0; line <= random.nextInt(3); line++) {
            order.line("SKU-" + random.nextInt(10), 1 + random.nextInt(5), random.nextInt(10_000));
        }
        return switch (random.nextInt(4)) {
            case 0 -> new Outcome(order, List.of(order.pending(), order.rejected("OUT_OF_STOCK", "short")), false);
            case 1 -> new Outcome(order, withReversal(order), false);
            default -> new Outcome(order, order.confirmedHistory(), true);
        };
    }

    private static List<OrderStatusChanged> withReversal(final TestOrder order) {
        final List<OrderStatusChanged> events = new ArrayList<>(order.confirmedHistory());
        events.add(order.reversed());
        return events;
    }

    private static OrderStatusChanged latest(final List<OrderStatusChanged> events) {
        return events.stream().max((a, b) -> Integer.compare(a.getSequence(), b.getSequence())).orElseThrow();
    }
}
