package dev.orderpipeline.ingest.internal.idempotency;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Order ids of keyed requests, derived rather than random: a name-based UUID (version 5, RFC 9562) of the scope
 * and the expiry window the request falls in. Every instance computes the same id for the same principal and key
 * in the same window, so even without the ledger a retry could never create a second order (the saga drops an
 * {@code OrderPlaced} whose id it has seen); a key reused after its window gets a new id, as a new order should.
 */
public final class OrderIds {

    /** Namespace of ingest order ids (random, fixed forever: changing it changes every derived id). */
    private static final UUID NAMESPACE = UUID.fromString("9b3f6c1e-2d4a-4f7b-8e5c-0a1d2c3b4e5f");

    private OrderIds() {
    }

    /** The id for this scope at this time, given the idempotency window. */
    public static UUID derive(final ScopeId scope, final Instant at, final Duration window) {
        return derive(scope, Math.floorDiv(at.toEpochMilli(), window.toMillis()));
    }

    static UUID derive(final ScopeId scope, final long bucket) {
        final byte[] hash = Digests.sha1()
                .addRaw(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                        .putLong(NAMESPACE.getLeastSignificantBits()).array())
                .addRaw(scope.toBytes())
                .add(bucket)
                .finish();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        final ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
