package dev.orderpipeline.ingest.internal.idempotency;

import dev.orderpipeline.ingest.internal.orders.OrderRequest;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * What a request asked for, as 128 bits of SHA-256 over its validated content in a canonical form: field order,
 * whitespace and number spelling do not matter, every value does. "Same body" for idempotency means "same
 * fingerprint".
 */
public record Fingerprint(long high, long low) {

    public static Fingerprint of(final OrderRequest order) {
        final Digests digest = Digests.sha256().add("order/v1").add(order.customerId()).add(order.currency())
                .add(order.clientOrderId()).add(order.items().size());
        order.items().forEach(item -> digest.add(item.sku()).add(item.quantity()).add(item.unitPriceMinor()));
        final ByteBuffer hash = ByteBuffer.wrap(digest.finish());
        return new Fingerprint(hash.getLong(), hash.getLong());
    }

    public static Fingerprint fromHex(final String hex) {
        final ByteBuffer buffer = ByteBuffer.wrap(HexFormat.of().parseHex(hex));
        if (buffer.remaining() != 16) {
            throw new IllegalArgumentException("A fingerprint has 16 bytes");
        }
        return new Fingerprint(buffer.getLong(), buffer.getLong());
    }

    public String toHex() {
        return HexFormat.of().formatHex(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }

    @Override
    public String toString() {
        return toHex();
    }
}
