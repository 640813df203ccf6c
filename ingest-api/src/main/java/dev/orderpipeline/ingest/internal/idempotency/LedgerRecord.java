package dev.orderpipeline.ingest.internal.idempotency;

import java.time.Instant;
import java.util.UUID;

/** A record of the idempotency ledger topic, keyed by {@link ScopeId}. */
public sealed interface LedgerRecord {

    ScopeId scope();

    /**
     * A request asks to own the key: "this key means this body and this order id". The first live claim of a key
     * in the ledger wins; see {@link LedgerState}.
     *
     * @param scope     principal and key
     * @param body      fingerprint of the request
     * @param orderId   the order id the claimant will use
     * @param claimId   random id of this claim, so a claimant recognises its own win
     * @param claimedAt when; the key expires one window later
     */
    record Claim(ScopeId scope, Fingerprint body, UUID orderId, long claimId, Instant claimedAt) implements LedgerRecord {
    }

    /**
     * The order of the key was acknowledged by Kafka: replays answer 202 without producing.
     *
     * @param scope   principal and key
     * @param orderId the order that is now stored
     */
    record Completed(ScopeId scope, UUID orderId) implements LedgerRecord {
    }

    /**
     * The claimant could not store the order (it answered 503): the next request with the same body need not wait
     * for it and produces the order itself.
     *
     * @param scope   principal and key
     * @param orderId the order that was not stored
     */
    record Released(ScopeId scope, UUID orderId) implements LedgerRecord {
    }
}
