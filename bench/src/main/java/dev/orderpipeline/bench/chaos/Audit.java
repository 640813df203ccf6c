package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.bench.chaos.ApiSnapshot.SalesFigures;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The invariants of {@code DESIGN.md} checked against what a chaos run left behind: what the clients were told
 * ({@link TrafficSummary}), what is on the topics ({@link TopicSnapshot}) and what the query API answers
 * ({@link ApiSnapshot}). Pure: no I/O, so every rule is unit-tested with hand-made inputs.
 *
 * <p>The saga's rule for decisions: every order gets exactly one of CONFIRMED, REJECTED or CANCELLED; a confirmed
 * order may additionally be reversed by one later CANCELLED with {@code previousStatus=CONFIRMED}, which gives its
 * stock and funds back and takes it out of the sales figures.
 */
public final class Audit {

    private static final int EXAMPLES = 5;
    private static final Set<OrderStatus> FINAL = Set.of(OrderStatus.REJECTED, OrderStatus.CANCELLED);

    private Audit() {
    }

    /** Everything the audit needs. */
    record Input(TrafficSummary traffic, TopicSnapshot topics, ApiSnapshot api, List<String> events) {
    }

    /** One order's status changes in topic order. */
    record History(String orderId, List<OrderStatusChanged> changes) {

        List<OrderStatusChanged> decisions() {
            return changes.stream().filter(Audit::isDecision).toList();
        }

        List<OrderStatusChanged> reversals() {
            return changes.stream().filter(Audit::isReversal).toList();
        }

        /** The confirmation, unless reversed: what sales, stock and funds must reflect. */
        boolean confirmedAndKept() {
            return decisions().stream().anyMatch(c -> c.getStatus() == OrderStatus.CONFIRMED) && reversals().isEmpty();
        }

        OrderStatusChanged last() {
            return changes.get(changes.size() - 1);
        }
    }

    static boolean isDecision(final OrderStatusChanged change) {
        return change.getStatus() == OrderStatus.CONFIRMED || change.getStatus() == OrderStatus.REJECTED
                || change.getStatus() == OrderStatus.CANCELLED && change.getPreviousStatus() != OrderStatus.CONFIRMED;
    }

    static boolean isReversal(final OrderStatusChanged change) {
        return change.getStatus() == OrderStatus.CANCELLED && change.getPreviousStatus() == OrderStatus.CONFIRMED;
    }

    /** Groups status changes by order, keeping topic order. */
    static Map<String, History> histories(final List<OrderStatusChanged> statuses) {
        final Map<String, List<OrderStatusChanged>> byOrder = new LinkedHashMap<>();
        for (final OrderStatusChanged change : statuses) {
            byOrder.computeIfAbsent(change.getOrderId(), id -> new ArrayList<>()).add(change);
        }
        final Map<String, History> histories = new LinkedHashMap<>();
        byOrder.forEach((id, changes) -> histories.put(id, new History(id, List.copyOf(changes))));
        return histories;
    }

    static AuditReport evaluate(final Input input) {
        final TrafficSummary traffic = input.traffic();
        final TopicSnapshot topics = input.topics();
        final Map<String, History> histories = histories(topics.statuses());
        final Map<String, OrderPlaced> placed = new HashMap<>();
        final Map<String, Integer> placedTimes = new HashMap<>();
        for (final TopicSnapshot.PlacedRecord record : topics.orders()) {
            if (record.order() != null) {
                placed.putIfAbsent(record.order().getOrderId(), record.order());
                placedTimes.merge(record.order().getOrderId(), 1, Integer::sum);
            }
        }
        final List<AuditReport.Check> checks = new ArrayList<>();
        checks.add(acknowledgedDecidedOnce(traffic, histories));
        checks.add(everyOrderDecided(placed, histories));
        checks.add(wellFormed(histories));
        checks.add(httpNotLost(traffic, placed));
        checks.add(retryAfter(traffic));
        checks.add(invalidRejected(traffic, histories));
        checks.add(duplicatesChangedNothing(traffic, histories));
        checks.add(stock(traffic, topics, histories));
        checks.add(funds(traffic, topics, histories));
        checks.add(monthlySales(input.api(), histories));
        checks.add(orderStatusApi(input.api(), histories));
        checks.add(deadLetters(traffic, topics, histories));
        return new AuditReport(checks, counts(traffic, topics, histories, placedTimes), input.events());
    }

    private static AuditReport.Check acknowledgedDecidedOnce(final TrafficSummary traffic,
                                                             final Map<String, History> histories) {
        final Set<String> acked = traffic.acknowledged();
        final List<String> missing = new ArrayList<>();
        final List<String> duplicated = new ArrayList<>();
        for (final String id : new TreeSet<>(acked)) {
            final History history = histories.get(id);
            final int decisions = history == null ? 0 : history.decisions().size();
            if (decisions == 0) {
                missing.add(id);
            } else if (decisions > 1) {
                duplicated.add(id + " " + statuses(history));
            }
        }
        return check("every acknowledged order has exactly one decision (CONFIRMED, REJECTED or CANCELLED)",
                missing.isEmpty() && duplicated.isEmpty(), String.format("%,d acknowledged (%,d HTTP, %,d direct): "
                        + "%,d decided once, %,d missing, %,d decided more than once", acked.size(),
                        traffic.httpAcked().size(), traffic.directAcked().size(),
                        acked.size() - missing.size() - duplicated.size(), missing.size(), duplicated.size()),
                concat(missing, duplicated));
    }

    private static AuditReport.Check everyOrderDecided(final Map<String, OrderPlaced> placed,
                                                       final Map<String, History> histories) {
        final List<String> undecided = new ArrayList<>();
        final List<String> invented = new ArrayList<>();
        for (final String id : new TreeSet<>(placed.keySet())) {
            final History history = histories.get(id);
            if (history == null || history.decisions().size() != 1) {
                undecided.add(id + (history == null ? " (no status)" : " " + statuses(history)));
            }
        }
        for (final String id : histories.keySet()) {
            if (!placed.containsKey(id)) {
                invented.add(id);
            }
        }
        return check("every order on the orders topic has exactly one decision, and no status is about an unknown "
                + "order", undecided.isEmpty() && invented.isEmpty(), String.format("%,d distinct orders on the "
                + "topic, %,d with a status history; %,d without exactly one decision, %,d histories of unknown "
                + "orders", placed.size(), histories.size(), undecided.size(), invented.size()),
                concat(undecided, invented));
    }

    private static AuditReport.Check wellFormed(final Map<String, History> histories) {
        final List<String> bad = new ArrayList<>();
        long duplicateEvents = 0;
        for (final History history : histories.values()) {
            final List<OrderStatusChanged> changes = history.changes();
            final Set<Integer> sequences = new HashSet<>();
            boolean ok = true;
            for (int i = 0; i < changes.size(); i++) {
                final OrderStatusChanged change = changes.get(i);
                if (!sequences.add(change.getSequence())) {
                    duplicateEvents++;
                    ok = false;
                }
                if (change.getSequence() != i) {
                    ok = false;
                }
                if (i > 0 && FINAL.contains(changes.get(i - 1).getStatus())) {
                    ok = false;
                }
                if (i > 0 && changes.get(i - 1).getStatus() == OrderStatus.CONFIRMED && !isReversal(change)) {
                    ok = false;
                }
            }
            final long pending = changes.stream().filter(c -> c.getStatus() == OrderStatus.PENDING).count();
            final List<OrderStatusChanged> reversals = history.reversals();
            final boolean reversalFollowsConfirmation = reversals.isEmpty()
                    || reversals.size() == 1 && history.decisions().stream()
                    .anyMatch(d -> d.getStatus() == OrderStatus.CONFIRMED);
            final OrderStatus last = history.last().getStatus();
            if (!ok || pending != 1 || changes.get(0).getStatus() != OrderStatus.PENDING
                    || !reversalFollowsConfirmation || !(last == OrderStatus.CONFIRMED || FINAL.contains(last))) {
                bad.add(history.orderId() + " " + statuses(history));
            }
        }
        final long finalDuplicates = duplicateEvents;
        return check("status histories are well formed: PENDING first, sequences 0..n without gaps or repeats, "
                + "nothing after REJECTED/CANCELLED, only a reversal after CONFIRMED, ends terminal",
                bad.isEmpty(), String.format("%,d histories checked, %,d malformed, %,d repeated status events",
                        histories.size(), bad.size(), finalDuplicates), bad);
    }

    private static AuditReport.Check httpNotLost(final TrafficSummary traffic, final Map<String, OrderPlaced> placed) {
        final List<String> lost = new ArrayList<>();
        for (final String id : new TreeSet<>(traffic.httpAcked())) {
            if (!placed.containsKey(id)) {
                lost.add(id);
            }
        }
        final List<String> split = new ArrayList<>();
        traffic.httpOrderIdsByKey().forEach((key, ids) -> {
            if (ids.size() > 1) {
                split.add(key + " -> " + new TreeSet<>(ids));
            }
        });
        return check("no acknowledged HTTP order was lost, and each Idempotency-Key names one order",
                lost.isEmpty() && split.isEmpty(), String.format("%,d orders answered 202 (%,d keys), %,d not on the "
                        + "orders topic, %,d keys answered with different order ids; %,d keys given up after "
                        + "retries (never acknowledged)", traffic.httpAcked().size(),
                        traffic.httpOrderIdsByKey().size(), lost.size(), split.size(), traffic.httpGaveUp().size()),
                concat(lost, split));
    }

    private static AuditReport.Check retryAfter(final TrafficSummary traffic) {
        return check("every 5xx answer carried Retry-After", traffic.http5xxWithoutRetryAfter() == 0,
                String.format("%,d 5xx answers, %,d without Retry-After; statuses %s; %,d connection errors",
                        traffic.http5xx(), traffic.http5xxWithoutRetryAfter(), traffic.httpStatuses(),
                        traffic.httpIoErrors()), traffic.missingRetryAfterExamples());
    }

    private static AuditReport.Check invalidRejected(final TrafficSummary traffic,
                                                     final Map<String, History> histories) {
        final List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (final String id : new TreeSet<>(traffic.invalid())) {
            if (!traffic.directAcked().contains(id)) {
                continue;
            }
            checked++;
            final History history = histories.get(id);
            if (history == null || history.decisions().size() != 1
                    || history.decisions().get(0).getStatus() != OrderStatus.REJECTED) {
                wrong.add(id + (history == null ? " (no status)" : " " + statuses(history)));
            }
        }
        return check("orders breaking a business rule were REJECTED (not dead-lettered)", wrong.isEmpty(),
                String.format("%,d invalid orders acknowledged, %,d not rejected", checked, wrong.size()), wrong);
    }

    private static AuditReport.Check duplicatesChangedNothing(final TrafficSummary traffic,
                                                              final Map<String, History> histories) {
        final List<String> wrong = new ArrayList<>();
        for (final String id : new TreeSet<>(traffic.duplicatesAcked())) {
            final History history = histories.get(id);
            final long pending = history == null ? 0
                    : history.changes().stream().filter(c -> c.getStatus() == OrderStatus.PENDING).count();
            if (history == null || pending != 1 || history.decisions().size() != 1) {
                wrong.add(id + (history == null ? " (no status)" : " " + statuses(history)));
            }
        }
        return check("a duplicate OrderPlaced (client retry) changed nothing", wrong.isEmpty(),
                String.format("%,d orders produced twice, %,d with more than one PENDING or decision",
                        traffic.duplicatesAcked().size(), wrong.size()), wrong);
    }

    private static AuditReport.Check stock(final TrafficSummary traffic, final TopicSnapshot topics,
                                           final Map<String, History> histories) {
        final Map<String, Long> expected = new TreeMap<>();
        traffic.stockInitial().forEach((sku, units) -> expected.put(sku, units
                + traffic.stockAdded().getOrDefault(sku, 0L)));
        for (final History history : histories.values()) {
            if (history.confirmedAndKept()) {
                for (final LineItem item : history.decisions().get(0).getItems()) {
                    expected.merge(item.getSku(), -(long) item.getQuantity(), Long::sum);
                }
            }
        }
        final Map<String, Long> actual = new TreeMap<>();
        final List<String> negative = new ArrayList<>();
        for (final TopicSnapshot.StoredStock write : topics.stock()) {
            if (write.available() != null && write.available() < 0) {
                negative.add(write.sku() + "=" + write.available());
            }
            if (write.available() == null) {
                actual.remove(write.sku());
            } else {
                actual.put(write.sku(), write.available());
            }
        }
        final List<String> mismatched = new ArrayList<>();
        expected.forEach((sku, units) -> {
            final long stored = actual.getOrDefault(sku, 0L);
            if (stored != units) {
                mismatched.add(sku + ": stored " + stored + ", expected " + units);
            }
        });
        final boolean exact = traffic.adjustmentsFailed() == 0;
        return check("stock never went below zero, and final stock = initial + adjustments - confirmed units "
                        + "(+ reversed)", negative.isEmpty() && mismatched.isEmpty() && exact,
                String.format("%,d SKUs, %,d stored levels read, %,d negative, %,d SKUs off%s", expected.size(),
                        topics.stock().size(), negative.size(), mismatched.size(), exact ? ""
                        : String.format(", %d adjustment(s) with unknown outcome", traffic.adjustmentsFailed())),
                concat(negative, mismatched));
    }

    private static AuditReport.Check funds(final TrafficSummary traffic, final TopicSnapshot topics,
                                           final Map<String, History> histories) {
        final Map<String, Long> expected = new TreeMap<>();
        traffic.fundsInitial().forEach((account, amount) -> expected.put(account, amount
                + traffic.fundsAdded().getOrDefault(account, 0L)));
        for (final History history : histories.values()) {
            if (history.confirmedAndKept()) {
                final OrderStatusChanged confirmation = history.decisions().get(0);
                expected.merge(TrafficLedger.account(confirmation.getCustomerId(), confirmation.getCurrency()),
                        -confirmation.getTotalMinor(), Long::sum);
            }
        }
        final Map<String, Long> actual = new TreeMap<>();
        final List<String> negative = new ArrayList<>();
        for (final TopicSnapshot.StoredBalance write : topics.balances()) {
            if (write.funds() == null) {
                continue;
            }
            write.funds().forEach((currency, amount) -> {
                if (amount < 0) {
                    negative.add(write.customerId() + "/" + currency + "=" + amount);
                }
                actual.put(TrafficLedger.account(write.customerId(), currency), amount);
            });
        }
        final List<String> mismatched = new ArrayList<>();
        expected.forEach((account, amount) -> {
            final long stored = actual.getOrDefault(account, 0L);
            if (stored != amount) {
                mismatched.add(account + ": stored " + stored + ", expected " + amount);
            }
        });
        final boolean exact = traffic.adjustmentsFailed() == 0;
        return check("funds never went below zero, and final funds = initial + adjustments - confirmed totals "
                        + "(+ reversed)", negative.isEmpty() && mismatched.isEmpty() && exact,
                String.format("%,d accounts, %,d stored balances read, %,d negative, %,d accounts off%s",
                        expected.size(), topics.balances().size(), negative.size(), mismatched.size(), exact ? ""
                        : String.format(", %d adjustment(s) with unknown outcome", traffic.adjustmentsFailed())),
                concat(negative, mismatched));
    }

    /** Confirmed (and not reversed) orders per month of {@code createdAt} (UTC), as the sales view must show them. */
    static Map<String, SalesFigures> expectedSales(final Map<String, History> histories) {
        final Map<String, long[]> totals = new TreeMap<>();
        final Map<String, Map<String, Long>> revenue = new TreeMap<>();
        final Map<String, Map<String, Long>> byCurrency = new TreeMap<>();
        for (final History history : histories.values()) {
            if (!history.confirmedAndKept()) {
                continue;
            }
            final OrderStatusChanged confirmation = history.decisions().get(0);
            final String month = YearMonth.from(confirmation.getOrderCreatedAt().atZone(ZoneOffset.UTC)).toString();
            final long[] t = totals.computeIfAbsent(month, m -> new long[2]);
            t[0]++;
            t[1] += confirmation.getItems().stream().mapToLong(LineItem::getQuantity).sum();
            revenue.computeIfAbsent(month, m -> new TreeMap<>()).merge(confirmation.getCurrency(),
                    confirmation.getTotalMinor(), Long::sum);
            byCurrency.computeIfAbsent(month, m -> new TreeMap<>()).merge(confirmation.getCurrency(), 1L, Long::sum);
        }
        final Map<String, SalesFigures> result = new TreeMap<>();
        totals.forEach((month, t) -> result.put(month, new SalesFigures(t[0], t[1], revenue.get(month),
                byCurrency.get(month))));
        return result;
    }

    private static AuditReport.Check monthlySales(final ApiSnapshot api, final Map<String, History> histories) {
        final Map<String, SalesFigures> expected = expectedSales(histories);
        final Set<String> months = new TreeSet<>(expected.keySet());
        months.addAll(api.monthlySales().keySet());
        final List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (final String month : months) {
            final SalesFigures want = expected.getOrDefault(month, SalesFigures.none());
            final Map<String, SalesFigures> answers = api.monthlySales().getOrDefault(month, Map.of());
            if (answers.isEmpty()) {
                wrong.add(month + ": not queried");
            }
            for (final Map.Entry<String, SalesFigures> answer : new TreeMap<>(answers).entrySet()) {
                compared++;
                if (!Objects.equals(answer.getValue(), want)) {
                    wrong.add(month + " on " + answer.getKey() + ": " + answer.getValue() + ", expected " + want);
                }
            }
        }
        return check("monthly sales equal the confirmed orders per month and currency, to the minor unit, on every "
                + "projections instance", wrong.isEmpty(), String.format("%d months, %d answers compared, %d wrong",
                months.size(), compared, wrong.size()), wrong);
    }

    private static AuditReport.Check orderStatusApi(final ApiSnapshot api, final Map<String, History> histories) {
        final List<String> wrong = new ArrayList<>();
        for (final Map.Entry<String, String> answer : new TreeMap<>(api.orderStatuses()).entrySet()) {
            final History history = histories.get(answer.getKey());
            final String want = history == null ? "(none)" : history.last().getStatus().name();
            if (!want.equals(answer.getValue())) {
                wrong.add(answer.getKey() + ": API " + answer.getValue() + ", topic " + want);
            }
        }
        return check("GET /orders/{id} answers each order's latest status", wrong.isEmpty(),
                String.format("%,d orders queried, %,d wrong", api.orderStatuses().size(), wrong.size()), wrong);
    }

    private static AuditReport.Check deadLetters(final TrafficSummary traffic, final TopicSnapshot topics,
                                                 final Map<String, History> histories) {
        final Map<String, Integer> dlq = new TreeMap<>();
        topics.ordersDlq().forEach(d -> dlq.merge(String.valueOf(d.key()), 1, Integer::sum));
        final List<String> unexpected = new ArrayList<>();
        final List<String> repeated = new ArrayList<>();
        dlq.forEach((key, times) -> {
            if (!traffic.poisonAcked().contains(key) && !traffic.poisonFailed().contains(key)) {
                unexpected.add(key);
            }
            if (times > 1) {
                repeated.add(key + " x" + times);
            }
        });
        final List<String> missing = new ArrayList<>();
        for (final String key : new TreeSet<>(traffic.poisonAcked())) {
            if (!dlq.containsKey(key)) {
                missing.add(key);
            }
            if (histories.containsKey(key)) {
                unexpected.add(key + " has a status history");
            }
        }
        final boolean withReasons = topics.ordersDlq().stream().allMatch(d -> !d.headers().isEmpty());
        return check("the dead-letter topics hold exactly the poison records injected on purpose, each once and with "
                        + "its reason", unexpected.isEmpty() && missing.isEmpty() && repeated.isEmpty()
                        && topics.statusDlq() == 0 && withReasons,
                String.format("%,d poison records injected, %,d on orders-dlq (%,d unexpected, %,d missing, %,d "
                        + "repeated%s), %,d on order-status-dlq", traffic.poisonAcked().size(),
                        topics.ordersDlq().size(), unexpected.size(), missing.size(), repeated.size(),
                        withReasons ? "" : ", some without reason headers", topics.statusDlq()),
                concat(unexpected, concat(missing, repeated)));
    }

    private static Map<String, Long> counts(final TrafficSummary traffic, final TopicSnapshot topics,
                                            final Map<String, History> histories,
                                            final Map<String, Integer> placedTimes) {
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("orders acknowledged over HTTP (202)", (long) traffic.httpAcked().size());
        counts.put("orders acknowledged by the broker (direct produce)", (long) traffic.directAcked().size());
        counts.put("HTTP orders given up by the client (never acknowledged)", (long) traffic.httpGaveUp().size());
        counts.put("direct sends failed (not acknowledged)", (long) traffic.directFailed().size());
        counts.put("duplicate OrderPlaced produced on purpose", (long) traffic.duplicatesAcked().size());
        counts.put("OrderPlaced records with an id seen before on the topic",
                placedTimes.values().stream().mapToLong(n -> n - 1L).sum());
        counts.put("cancellations accepted", (long) traffic.cancellationsAcked().size());
        counts.put("decisions CONFIRMED", countDecisions(histories, OrderStatus.CONFIRMED));
        counts.put("decisions REJECTED", countDecisions(histories, OrderStatus.REJECTED));
        counts.put("decisions CANCELLED (before confirmation)", countDecisions(histories, OrderStatus.CANCELLED));
        counts.put("reversals (CANCELLED after CONFIRMED)",
                histories.values().stream().mapToLong(h -> h.reversals().size()).sum());
        counts.put("status events read", (long) topics.statuses().size());
        counts.put("HTTP 5xx answers", traffic.http5xx());
        counts.put("HTTP connection errors", traffic.httpIoErrors());
        counts.put("poison records injected (acknowledged)", (long) traffic.poisonAcked().size());
        counts.put("records on orders-dlq", (long) topics.ordersDlq().size());
        counts.put("stock adjustments during the load (units)",
                traffic.stockAdded().values().stream().mapToLong(Long::longValue).sum());
        return counts;
    }

    private static long countDecisions(final Map<String, History> histories, final OrderStatus status) {
        return histories.values().stream().flatMap(h -> h.decisions().stream())
                .filter(d -> d.getStatus() == status).count();
    }

    private static String statuses(final History history) {
        return history.changes().stream().map(c -> c.getSequence() + ":" + c.getStatus()).toList().toString();
    }

    private static AuditReport.Check check(final String name, final boolean passed, final String detail,
                                           final List<String> offenders) {
        return new AuditReport.Check(name, passed, detail,
                offenders.subList(0, Math.min(EXAMPLES, offenders.size())));
    }

    private static List<String> concat(final List<String> a, final List<String> b) {
        final List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
