package dev.orderpipeline.ingest.internal.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live idempotency keys, computed from the ledger by one rule, applied in ledger (partition) order:
 * <ul>
 * <li>a {@link LedgerRecord.Claim} of a key without a live entry at the claim's time starts an entry (order id,
 *     body fingerprint, claim id, expiry = claim time + window);</li>
 * <li>a claim while an entry is live changes nothing: with the same body it is a retry of the same order, with a
 *     different body it lost the race and its request is answered 422;</li>
 * <li>{@link LedgerRecord.Completed} marks the entry's order stored; {@link LedgerRecord.Released} marks a pending
 *     entry abandoned by its claimant.</li>
 * </ul>
 * All records of a key are in one partition and every instance applies them in the same order, so every instance
 * reaches the same verdict about who owns a key. A pure function of the records: no I/O, thread-safe (one writer,
 * any number of readers).
 */
public final class LedgerState {

    /** Where the order of a live key stands. */
    public enum Progress {
        /** Claimed; the claimant is producing the order. */
        PENDING,
        /** The order is acknowledged by Kafka. */
        STORED,
        /** The claimant gave up (503); whoever retries produces it. */
        RELEASED
    }

    /**
     * A live key.
     *
     * @param orderId   the order the key stands for
     * @param body      fingerprint of the request that claimed it
     * @param claimId   the winning claim
     * @param expiresAt when the key is forgotten
     * @param progress  whether the order is stored
     */
    public record Entry(UUID orderId, Fingerprint body, long claimId, Instant expiresAt, Progress progress) {
        Entry with(final Progress next) {
            return new Entry(orderId, body, claimId, expiresAt, next);
        }
    }

    private final Map<ScopeId, Entry> entries = new ConcurrentHashMap<>();
    private final Duration window;

    public LedgerState(final Duration window) {
        this.window = window;
    }

    public void apply(final LedgerRecord record) {
        switch (record) {
            case LedgerRecord.Claim claim -> entries.compute(claim.scope(), (scope, live) ->
                    live == null || !claim.claimedAt().isBefore(live.expiresAt())
                            ? new Entry(claim.orderId(), claim.body(), claim.claimId(), claim.claimedAt().plus(window),
                                    Progress.PENDING)
                            : live);
            case LedgerRecord.Completed done -> entries.computeIfPresent(done.scope(), (scope, live) ->
                    live.orderId().equals(done.orderId()) ? live.with(Progress.STORED) : live);
            case LedgerRecord.Released released -> entries.computeIfPresent(released.scope(), (scope, live) ->
                    live.orderId().equals(released.orderId()) && live.progress() == Progress.PENDING
                            ? live.with(Progress.RELEASED) : live);
        }
    }

    /** The entry of this key if it is live at {@code now}. */
    public Optional<Entry> find(final ScopeId scope, final Instant now) {
        final Entry entry = entries.get(scope);
        return entry == null || !now.isBefore(entry.expiresAt()) ? Optional.empty() : Optional.of(entry);
    }

    /**
     * Forgets keys expired before {@code horizon}; returns how many. An expired entry still decides claims stamped
     * before its expiry, so callers evict only once caught up with the ledger, and with a horizon some time in the
     * past to allow for clock skew between instances.
     */
    public int evictExpiredBefore(final Instant horizon) {
        final int before = entries.size();
        entries.values().removeIf(entry -> entry.expiresAt().isBefore(horizon));
        return before - entries.size();
    }

    public int size() {
        return entries.size();
    }
}
