package dev.orderpipeline.topology;

import static dev.orderpipeline.topology.SagaTestDriver.line;
import static dev.orderpipeline.topology.SagaTestDriver.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.topology.avro.PaymentPhase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random orders (valid, invalid, duplicated, multi-SKU, in two currencies), stock and funds adjustments
 * both ways, and cancellations (before the order, before and after confirmation) through the production topology,
 * then every invariant of the saga checked against what it emitted and what its stores hold. The expected stock and
 * funds are computed from the status events alone: initial + adjustments − what confirmed, unreversed orders took.
 *
 * <p>Reproducible: the seed is fixed and printed in every failure message; run another one with
 * {@code -Dsaga.property.seed=<n>}.
 */
class OrderSagaInvariantsPropertyTest {

    private static final int ACTIONS = 5_000;
    private static final List<String> SKUS = List.of("SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6", "SKU-7");
    private static final List<String> CUSTOMERS = List.of("c-1", "c-2", "c-3", "c-4", "c-5");
    private static final List<String> CURRENCIES = List.of("EUR", "USD");
    private static final Set<OrderStatus> DECISIONS = Set.of(OrderStatus.CONFIRMED, OrderStatus.REJECTED,
            OrderStatus.CANCELLED);

    @TempDir
    Path stateDir;

    @Test
    void shouldKeepEveryInvariantUnderRandomOrdersAdjustmentsAndCancellations() {
        final long seed = Long.getLong("saga.property.seed", 20261105L);
        final String run = "seed " + seed;
        final SplittableRandom random = new SplittableRandom(seed);
        try (SagaTestDriver saga = new SagaTestDriver(stateDir)) {
            // Given
            final Map<String, Long> stockAdded = new HashMap<>();
            final Map<String, Long> fundsAdded = new HashMap<>();
            for (final String sku : SKUS) {
                final long initial = random.nextLong(0, 40);
                saga.setStock(sku, initial);
                stockAdded.put(sku, initial);
            }
            for (final String customer : CUSTOMERS) {
                for (final String currency : CURRENCIES) {
                    final long initial = random.nextLong(0, 60_000);
                    saga.setFunds(customer, currency, initial);
                    fundsAdded.put(customer + "/" + currency, initial);
                }
            }
            final Map<String, OrderPlaced> placed = new LinkedHashMap<>();
            final List<String> cancelledEarly = new ArrayList<>();

            // When
            for (int action = 0; action < ACTIONS; action++) {
                final int dice = random.nextInt(100);
                if (dice < 55) {
                    final String id = dice < 3 && !placed.isEmpty() ? pick(random, new ArrayList<>(placed.keySet()))
                            : dice < 5 && !cancelledEarly.isEmpty() ? cancelledEarly.remove(0)
                            : "o-" + action;
                    final OrderPlaced order = placed.containsKey(id) ? placed.get(id) : randomOrder(random, id);
                    placed.putIfAbsent(id, order);
                    saga.place(order);
                } else if (dice < 70) {
                    final String sku = pick(random, SKUS);
                    final long delta = random.nextInt(3) == 0 ? -random.nextLong(0, saga.stock(sku) + 1)
                            : random.nextLong(1, 12);
                    saga.adjustStock(sku, delta);
                    stockAdded.merge(sku, delta, Long::sum);
                } else if (dice < 80) {
                    final String account = pick(random, CUSTOMERS) + "/" + pick(random, CURRENCIES);
                    final String[] parts = account.split("/");
                    final long delta = random.nextInt(3) == 0 ? -random.nextLong(0, saga.funds(parts[0], parts[1]) + 1)
                            : random.nextLong(1, 20_000);
                    saga.adjustFunds(parts[0], parts[1], delta);
                    fundsAdded.merge(account, delta, Long::sum);
                } else if (dice < 95 && !placed.isEmpty()) {
                    saga.cancel(pick(random, new ArrayList<>(placed.keySet())));
                } else {
                    final String early = "o-early-" + action;
                    saga.cancel(early);
                    cancelledEarly.add(early);
                }
                assertThat(saga.stockLevels().values()).as("%s: stock after action %d", run, action)
                        .allMatch(level -> level >= 0);
                assertThat(saga.fundsLevels().values()).as("%s: funds after action %d", run, action)
                        .allMatch(level -> level >= 0);
            }

            // Then
            final Map<String, List<OrderStatusChanged>> histories = saga.statuses().stream()
                    .collect(Collectors.groupingBy(OrderStatusChanged::getOrderId, LinkedHashMap::new, Collectors.toList()));
            assertThat(histories.keySet()).as("%s: orders with a history", run).isEqualTo(placed.keySet());
            final Map<String, Long> soldUnits = new HashMap<>();
            final Map<String, Long> spent = new HashMap<>();
            int confirmed = 0;
            int rejected = 0;
            int cancelled = 0;
            int reversed = 0;
            for (final Map.Entry<String, List<OrderStatusChanged>> entry : histories.entrySet()) {
                final String orderId = entry.getKey();
                final List<OrderStatusChanged> history = entry.getValue();
                checkHistory(run, orderId, history);
                final OrderStatusChanged last = history.get(history.size() - 1);
                final boolean kept = last.getStatus() == OrderStatus.CONFIRMED;
                final boolean wasReversed = last.getStatus() == OrderStatus.CANCELLED
                        && last.getPreviousStatus() == OrderStatus.CONFIRMED;
                confirmed += kept ? 1 : 0;
                reversed += wasReversed ? 1 : 0;
                rejected += last.getStatus() == OrderStatus.REJECTED ? 1 : 0;
                cancelled += last.getStatus() == OrderStatus.CANCELLED && !wasReversed ? 1 : 0;
                final PaymentPhase payment = saga.payment(orderId);
                final Map<String, Long> held = saga.heldStock(orderId);
                if (kept) {
                    for (final LineItem item : last.getItems()) {
                        soldUnits.merge(item.getSku(), (long) item.getQuantity(), Long::sum);
                    }
                    spent.merge(last.getCustomerId() + "/" + last.getCurrency(), last.getTotalMinor(), Long::sum);
                    assertThat(payment).as("%s: payment of confirmed %s", run, orderId)
                            .isEqualTo(PaymentPhase.AUTHORIZED);
                    assertThat(held.values().stream().mapToLong(Long::longValue).sum())
                            .as("%s: units held by confirmed %s", run, orderId)
                            .isEqualTo(last.getItems().stream().mapToLong(LineItem::getQuantity).sum());
                } else {
                    assertThat(held).as("%s: stock held by %s, which ended %s", run, orderId, last.getStatus())
                            .isEmpty();
                    assertThat(payment).as("%s: payment of %s, which ended %s", run, orderId, last.getStatus())
                            .isNotEqualTo(PaymentPhase.AUTHORIZED).isNotEqualTo(PaymentPhase.AWAITING);
                }
            }
            for (final String sku : SKUS) {
                assertThat(saga.stock(sku)).as("%s: final stock of %s = initial + adjustments - confirmed units", run, sku)
                        .isEqualTo(stockAdded.get(sku) - soldUnits.getOrDefault(sku, 0L));
            }
            for (final Map.Entry<String, Long> account : fundsAdded.entrySet()) {
                final String[] parts = account.getKey().split("/");
                assertThat(saga.funds(parts[0], parts[1]))
                        .as("%s: final funds of %s = initial + adjustments - confirmed totals", run, account.getKey())
                        .isEqualTo(account.getValue() - spent.getOrDefault(account.getKey(), 0L));
            }
            final List<NotificationRequested> notifications = saga.notifications();
            assertThat(notifications).extracting(NotificationRequested::getEventId).as("%s: notification ids", run)
                    .doesNotHaveDuplicates()
                    .hasSize(confirmed + rejected + cancelled + 2 * reversed);
            assertThat(confirmed).as("%s: the run confirmed orders", run).isGreaterThan(100);
            assertThat(rejected).as("%s: the run rejected orders", run).isGreaterThan(100);
            assertThat(cancelled).as("%s: the run cancelled orders", run).isGreaterThan(10);
            assertThat(reversed).as("%s: the run reversed orders", run).isGreaterThan(10);
        }
    }

    /**
     * One decision per order, and the reversal rule: sequences 0..n without gaps, PENDING first, each event naming
     * the one before, exactly one CONFIRMED / REJECTED / CANCELLED, then at most a CANCELLED reversal of a
     * CONFIRMED, and nothing after a REJECTED or CANCELLED.
     */
    private static void checkHistory(final String run, final String orderId, final List<OrderStatusChanged> history) {
        final String what = run + ": history of " + orderId + " " + history.stream()
                .map(e -> e.getSequence() + ":" + e.getStatus()).toList();
        assertThat(history.get(0).getStatus()).as("%s starts PENDING", what).isEqualTo(OrderStatus.PENDING);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).getSequence()).as("%s sequence %d", what, i).isEqualTo(i);
            assertThat(history.get(i).getPreviousStatus()).as("%s previous status at %d", what, i)
                    .isEqualTo(i == 0 ? null : history.get(i - 1).getStatus());
        }
        final List<OrderStatusChanged> decisions = history.stream()
                .filter(e -> DECISIONS.contains(e.getStatus()))
                .filter(e -> e.getPreviousStatus() != OrderStatus.CONFIRMED)
                .toList();
        assertThat(decisions).as("%s has exactly one decision", what).hasSize(1);
        final int decidedAt = decisions.get(0).getSequence();
        final List<OrderStatusChanged> after = history.subList(decidedAt + 1, history.size());
        if (decisions.get(0).getStatus() == OrderStatus.CONFIRMED) {
            assertThat(after).as("%s after CONFIRMED at most a reversal", what).hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(e -> assertThat(e.getStatus()).as("reversal").isEqualTo(OrderStatus.CANCELLED));
        } else {
            assertThat(after).as("%s nothing after REJECTED or CANCELLED", what).isEmpty();
            assertThat(decisions.get(0).getReasonCode()).as("%s reason", what).isNotBlank();
        }
    }

    private static OrderPlaced randomOrder(final SplittableRandom random, final String id) {
        final int lines = random.nextInt(1, 4);
        final List<LineItem> items = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            items.add(line(pick(random, SKUS), random.nextInt(1, 6), random.nextLong(50, 2_000)));
        }
        if (random.nextInt(40) == 0) {
            items.add(line(pick(random, SKUS), 0, 100));
        }
        final String currency = random.nextInt(50) == 0 ? "ZZZ" : pick(random, CURRENCIES);
        return order(id, pick(random, CUSTOMERS), currency, items.toArray(LineItem[]::new));
    }

    private static <T> T pick(final SplittableRandom random, final List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
