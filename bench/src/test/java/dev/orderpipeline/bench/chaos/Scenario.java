package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.bench.chaos.ApiSnapshot.SalesFigures;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-made chaos outcome for audit tests: what clients were told, what the topics hold and what the API answers,
 * consistent by default; tests then break one thing. Stock starts at 100 per SKU, funds at 10,000 per account, and
 * every order buys 2 units of {@code sku-1} at 500 (total 1,000) in EUR, created in March 2031.
 */
final class Scenario {

    static final Instant CREATED = Instant.parse("2031-03-10T10:00:00Z");

    final TrafficLedger ledger = new TrafficLedger();
    final List<TopicSnapshot.PlacedRecord> orders = new ArrayList<>();
    final List<OrderStatusChanged> statuses = new ArrayList<>();
    final List<TopicSnapshot.DeadLetter> dlq = new ArrayList<>();
    final List<TopicSnapshot.StoredStock> stock = new ArrayList<>();
    final List<TopicSnapshot.StoredBalance> balances = new ArrayList<>();
    final Map<String, Map<String, SalesFigures>> sales = new TreeMap<>();
    final Map<String, String> apiStatuses = new HashMap<>();
    long statusDlq;
    private long stockLevel = 100;
    private long funds = 10_000;

    Scenario() {
        ledger.stockSet("sku-1", 100);
        ledger.fundsSet("c-1", "EUR", 10_000);
        stock.add(new TopicSnapshot.StoredStock("sku-1", 100L));
        balances.add(new TopicSnapshot.StoredBalance("c-1", Map.of("EUR", 10_000L)));
    }

    /** A direct order acknowledged and confirmed, with matching stock, funds, sales and API answer. */
    Scenario confirmed(final String id) {
        placed(id);
        ledger.directAcked(id);
        history(id, OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.PAYMENT_AUTHORIZED,
                OrderStatus.CONFIRMED);
        stockLevel -= 2;
        funds -= 1_000;
        storeLevels();
        apiStatuses.put(id, "CONFIRMED");
        return syncSales();
    }

    /** An HTTP order (202 for {@code key}) rejected for stock. */
    Scenario rejectedOverHttp(final String key, final String id) {
        placed(id);
        ledger.httpAccepted(key, id);
        history(id, OrderStatus.PENDING, OrderStatus.REJECTED);
        apiStatuses.put(id, "REJECTED");
        return syncSales();
    }

    /** A confirmation that is reversed afterwards: stock and funds come back, sales do not count it. */
    Scenario reversed(final String id) {
        placed(id);
        ledger.directAcked(id);
        history(id, OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.PAYMENT_AUTHORIZED,
                OrderStatus.CONFIRMED, OrderStatus.CANCELLED);
        apiStatuses.put(id, "CANCELLED");
        return syncSales();
    }

    Scenario poison(final String key) {
        ledger.poison(key, true);
        orders.add(new TopicSnapshot.PlacedRecord(key, null));
        dlq.add(new TopicSnapshot.DeadLetter(key, Map.of("reason", "INVALID_WIRE_FORMAT")));
        return this;
    }

    void placed(final String id) {
        orders.add(new TopicSnapshot.PlacedRecord(id, new OrderPlaced(id, "c-1", items(), "EUR", CREATED,
                OrderSource.DIRECT, null)));
    }

    /** Appends status changes with consecutive sequences after the order's existing ones. */
    void history(final String id, final OrderStatus... chain) {
        OrderStatus previous = statuses.stream().filter(s -> s.getOrderId().equals(id)).reduce((a, b) -> b)
                .map(OrderStatusChanged::getStatus).orElse(null);
        int sequence = (int) statuses.stream().filter(s -> s.getOrderId().equals(id)).count();
        for (final OrderStatus status : chain) {
            statuses.add(change(id, status, previous, sequence++));
            previous = status;
        }
    }

    static OrderStatusChanged change(final String id, final OrderStatus status, final OrderStatus previous,
                                     final int sequence) {
        return OrderStatusChanged.newBuilder().setOrderId(id).setCustomerId("c-1").setStatus(status)
                .setPreviousStatus(previous).setSequence(sequence).setReasonCode(null).setReasonMessage(null)
                .setChangedAt(CREATED).setOrderCreatedAt(CREATED).setCurrency("EUR").setTotalMinor(1_000L)
                .setItems(items()).build();
    }

    static List<LineItem> items() {
        return List.of(new LineItem("sku-1", 2, 500L));
    }

    private void storeLevels() {
        stock.add(new TopicSnapshot.StoredStock("sku-1", stockLevel));
        balances.add(new TopicSnapshot.StoredBalance("c-1", Map.of("EUR", funds)));
    }

    private Scenario syncSales() {
        final SalesFigures expected = Audit.expectedSales(Audit.histories(statuses)).getOrDefault("2031-03",
                SalesFigures.none());
        sales.put("2031-03", Map.of("projections-1", expected, "projections-2", expected));
        return this;
    }

    Audit.Input input() {
        return new Audit.Input(ledger.summary(), new TopicSnapshot(orders, statuses, dlq, statusDlq, stock,
                balances), new ApiSnapshot(sales, apiStatuses), List.of());
    }

    AuditReport audit() {
        return Audit.evaluate(input());
    }
}
