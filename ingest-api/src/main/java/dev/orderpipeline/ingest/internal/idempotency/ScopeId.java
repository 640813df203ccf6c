package dev.orderpipeline.ingest.internal.idempotency;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Who sent which {@code Idempotency-Key}: the first 128 bits of SHA-256 over (principal subject, key). Keys are
 * scoped per principal, so two clients choosing the same key never meet; neither the subject nor the key itself
 * is stored or sent to Kafka, only this digest (also the ledger's record key, which keeps one key's records in one
 * partition, in order).
 */
public record ScopeId(long high, long low) {

    public static ScopeId of(final String subject, final String idempotencyKey) {
        final ByteBuffer hash = ByteBuffer.wrap(Digests.sha256().add(subject).add(idempotencyKey).finish());
        return new ScopeId(hash.getLong(), hash.getLong());
    }

    public static ScopeId fromBytes(final byte[] bytes) {
        if (bytes == null || bytes.length != 16) {
            throw new IllegalArgumentException("A scope id has 16 bytes");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new ScopeId(buffer.getLong(), buffer.getLong());
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
