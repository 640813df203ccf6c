package dev.orderpipeline.consumers.internal.channel;

import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON body of a webhook call: the notification's fields with the timestamp in ISO-8601, so receivers in any
 * language read it without Avro. Public for the benchmark's delivery-contract baseline, which renders the same
 * bodies.
 */
public record WebhookPayload(String eventId, String orderId, String customerId, String kind, String reasonCode,
                             String reasonMessage, String currency, long totalMinor, String requestedAt) {

    public static WebhookPayload of(final NotificationRequested n) {
        return new WebhookPayload(n.getEventId(), n.getOrderId(), n.getCustomerId(), n.getKind().name(),
                n.getReasonCode(), n.getReasonMessage(), n.getCurrency(), n.getTotalMinor(),
                n.getRequestedAt().toString());
    }

    /** The body of a batch request. */
    public record Batch(List<WebhookPayload> events) {

        /** {@code batch-} and the first 32 hex digits of the SHA-256 of the event ids, one per line, in order. */
        static String idempotencyKey(final List<String> eventIds) {
            try {
                final byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(String.join("\n", eventIds).getBytes(StandardCharsets.UTF_8));
                return "batch-" + HexFormat.of().formatHex(digest, 0, 16);
            } catch (final NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available in this JVM", e);
            }
        }
    }
}
