package dev.orderpipeline.consumers.internal.channel;

import dev.orderpipeline.schemas.avro.NotificationRequested;

/**
 * The JSON body of a webhook call: the notification's fields with the timestamp in ISO-8601, so receivers in any
 * language read it without Avro.
 */
record WebhookPayload(String eventId, String orderId, String customerId, String kind, String reasonCode,
                      String reasonMessage, String currency, long totalMinor, String requestedAt) {

    static WebhookPayload of(final NotificationRequested n) {
        return new WebhookPayload(n.getEventId(), n.getOrderId(), n.getCustomerId(), n.getKind().name(),
                n.getReasonCode(), n.getReasonMessage(), n.getCurrency(), n.getTotalMinor(),
                n.getRequestedAt().toString());
    }
}
