package dev.orderpipeline.bench.chaos;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the chaos traffic did, frozen for the audit (see {@link TrafficLedger}).
 *
 * @param httpOrderIdsByKey         order ids answered 202, per Idempotency-Key (one id per key when idempotency works)
 * @param httpGaveUp                keys whose requests never got a 202 (the client gave up)
 * @param httpStatuses              count of every HTTP status seen
 * @param http5xx                   5xx answers
 * @param http5xxWithoutRetryAfter  5xx answers without a {@code Retry-After} header
 * @param missingRetryAfterExamples a few of those
 * @param httpIoErrors              requests that failed on the connection
 * @param directAcked               directly produced orders the broker acknowledged
 * @param directFailed              directly produced orders whose send failed (may or may not be on the topic)
 * @param duplicatesAcked           direct orders acknowledged a second time (client retry of the same event)
 * @param invalid                   direct orders that break a business rule on purpose
 * @param cancellationsAcked        orders whose cancellation ingest accepted
 * @param poisonAcked               keys of undecodable records the broker acknowledged
 * @param poisonFailed              keys of undecodable records whose send failed
 * @param stockInitial              units set per SKU before the load
 * @param stockAdded                units added per SKU during the load (acknowledged adjustments)
 * @param fundsInitial              amount set per customer/currency before the load
 * @param fundsAdded                amount added per customer/currency during the load
 * @param adjustmentsFailed         adjustments whose send failed (their effect is unknown: the balance checks then
 *                                  cannot be exact)
 */
record TrafficSummary(Map<String, Set<String>> httpOrderIdsByKey, Set<String> httpGaveUp,
                      Map<Integer, Long> httpStatuses, long http5xx, long http5xxWithoutRetryAfter,
                      List<String> missingRetryAfterExamples, long httpIoErrors, Set<String> directAcked,
                      Set<String> directFailed, Set<String> duplicatesAcked, Set<String> invalid,
                      Set<String> cancellationsAcked, Set<String> poisonAcked, Set<String> poisonFailed,
                      Map<String, Long> stockInitial, Map<String, Long> stockAdded, Map<String, Long> fundsInitial,
                      Map<String, Long> fundsAdded, long adjustmentsFailed) {

    /** Every order id acknowledged over HTTP. */
    Set<String> httpAcked() {
        final Set<String> ids = new HashSet<>();
        httpOrderIdsByKey.values().forEach(ids::addAll);
        return ids;
    }

    /** Every acknowledged order id, both paths. */
    Set<String> acknowledged() {
        final Set<String> ids = httpAcked();
        ids.addAll(directAcked);
        return ids;
    }
}
