package dev.orderpipeline.bench.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the chaos traffic did, as the clients saw it: which orders were acknowledged (HTTP 202 or a produce
 * acknowledgement), which requests failed and how, what stock and funds were set and added. The audit compares the
 * pipeline's outcome against this. Thread-safe: many workers record at once.
 */
final class TrafficLedger {

    private final Map<String, Set<String>> httpOrderIdsByKey = new ConcurrentHashMap<>();
    private final Set<String> httpGaveUp = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicLong> httpStatuses = new ConcurrentHashMap<>();
    private final AtomicLong http5xx = new AtomicLong();
    private final AtomicLong http5xxWithoutRetryAfter = new AtomicLong();
    private final List<String> missingRetryAfterExamples = new ArrayList<>();
    private final AtomicLong httpIoErrors = new AtomicLong();
    private final Set<String> directAcked = ConcurrentHashMap.newKeySet();
    private final Set<String> directFailed = ConcurrentHashMap.newKeySet();
    private final Set<String> duplicatesAcked = ConcurrentHashMap.newKeySet();
    private final Set<String> invalid = ConcurrentHashMap.newKeySet();
    private final Set<String> cancellationsAcked = ConcurrentHashMap.newKeySet();
    private final Set<String> poisonAcked = ConcurrentHashMap.newKeySet();
    private final Set<String> poisonFailed = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> stockInitial = new ConcurrentHashMap<>();
    private final Map<String, Long> stockAdded = new ConcurrentHashMap<>();
    private final Map<String, Long> fundsInitial = new ConcurrentHashMap<>();
    private final Map<String, Long> fundsAdded = new ConcurrentHashMap<>();
    private final AtomicLong adjustmentsFailed = new AtomicLong();

    /** Key of an account balance: customer and currency. */
    static String account(final String customerId, final String currency) {
        return customerId + "/" + currency;
    }

    void httpAccepted(final String idempotencyKey, final String orderId) {
        httpOrderIdsByKey.computeIfAbsent(idempotencyKey, k -> ConcurrentHashMap.newKeySet()).add(orderId);
    }

    void httpGaveUp(final String idempotencyKey) {
        httpGaveUp.add(idempotencyKey);
    }

    void httpStatus(final int status, final boolean retryAfter, final String what) {
        httpStatuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status >= 500) {
            http5xx.incrementAndGet();
            if (!retryAfter) {
                http5xxWithoutRetryAfter.incrementAndGet();
                synchronized (missingRetryAfterExamples) {
                    if (missingRetryAfterExamples.size() < 5) {
                        missingRetryAfterExamples.add(status + " " + what);
                    }
                }
            }
        }
    }

    void httpIoError() {
        httpIoErrors.incrementAndGet();
    }

    void directAcked(final String orderId) {
        directAcked.add(orderId);
    }

    void directFailed(final String orderId) {
        directFailed.add(orderId);
    }

    void duplicateAcked(final String orderId) {
        duplicatesAcked.add(orderId);
    }

    void invalid(final String orderId) {
        invalid.add(orderId);
    }

    void cancellationAcked(final String orderId) {
        cancellationsAcked.add(orderId);
    }

    void poison(final String key, final boolean acked) {
        (acked ? poisonAcked : poisonFailed).add(key);
    }

    void stockSet(final String sku, final long units) {
        stockInitial.put(sku, units);
    }

    void stockAdded(final String sku, final long units) {
        stockAdded.merge(sku, units, Long::sum);
    }

    void fundsSet(final String customerId, final String currency, final long amount) {
        fundsInitial.put(account(customerId, currency), amount);
    }

    void fundsAdded(final String customerId, final String currency, final long amount) {
        fundsAdded.merge(account(customerId, currency), amount, Long::sum);
    }

    void adjustmentFailed() {
        adjustmentsFailed.incrementAndGet();
    }

    /** Order ids acknowledged so far, both paths. */
    Set<String> acknowledged() {
        final Set<String> all = new HashSet<>(directAcked);
        httpOrderIdsByKey.values().forEach(all::addAll);
        return all;
    }

    /** An immutable copy for the audit. */
    TrafficSummary summary() {
        final Map<String, Set<String>> byKey = new HashMap<>();
        httpOrderIdsByKey.forEach((k, v) -> byKey.put(k, Set.copyOf(v)));
        final Map<Integer, Long> statuses = new TreeMap<>();
        httpStatuses.forEach((s, n) -> statuses.put(s, n.get()));
        final List<String> examples;
        synchronized (missingRetryAfterExamples) {
            examples = List.copyOf(missingRetryAfterExamples);
        }
        return new TrafficSummary(byKey, Set.copyOf(httpGaveUp), statuses, http5xx.get(),
                http5xxWithoutRetryAfter.get(), examples, httpIoErrors.get(), Set.copyOf(directAcked),
                Set.copyOf(directFailed), Set.copyOf(duplicatesAcked), Set.copyOf(invalid),
                Set.copyOf(cancellationsAcked), Set.copyOf(poisonAcked), Set.copyOf(poisonFailed),
                Map.copyOf(stockInitial), Map.copyOf(stockAdded), Map.copyOf(fundsInitial), Map.copyOf(fundsAdded),
                adjustmentsFailed.get());
    }
}
