/**
 * {@code Idempotency-Key} for {@code POST /orders}, kept in Kafka so it survives restarts and holds across any
 * number of ingest instances. See the module README ("Idempotency") for the full argument; in short:
 *
 * <ul>
 * <li><b>Scope.</b> A key belongs to the authenticated principal: {@link ScopeId} = SHA-256(subject, key). The
 *     request body is reduced to a canonical {@link Fingerprint} of its validated content.</li>
 * <li><b>Ledger.</b> A private topic ({@code ingest-idempotency}, delete policy, retention two windows + 1 h)
 *     keyed by scope, holding {@code Claim}, {@code Completed} and {@code Released} records. Every instance tails
 *     all partitions into a {@link LedgerState}; the first live claim of a key in partition order owns it, and
 *     every instance computes the same owner because it reads the same log.</li>
 * <li><b>Protocol</b> ({@link IdempotentOrders}): same-instance duplicates are joined in memory; a known key is
 *     replayed (same body, order stored), refused with 422 (other body) or waited for (claimed elsewhere, still
 *     pending); an unknown key is claimed, the claim is read back, and only the owner produces the order.</li>
 * <li><b>Order ids</b> are derived, not random ({@link OrderIds}: UUIDv5 of scope and window), so every attempt of
 *     a key produces under one id and the saga's duplicate check makes any second produce harmless: a crash
 *     between producing the order and recording it, or a claimant that vanished, never creates a second order.</li>
 * </ul>
 * Nothing here knows HTTP; the controller maps outcomes to 202 / 422 / 503.
 */
package dev.orderpipeline.ingest.internal.idempotency;
