package dev.orderpipeline.consumers;

import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Notification requests as the order saga writes them, for tests. */
public final class SampleNotifications {

    private SampleNotifications() {
    }

    public static NotificationRequested confirmed(final String eventId, final String orderId, final String customerId) {
        return NotificationRequested.newBuilder()
                .setEventId(eventId)
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setKind(NotificationKind.ORDER_CONFIRMED)
                .setCurrency("EUR")
                .setTotalMinor(2500)
                .setRequestedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    public static NotificationRequested rejected(final String eventId, final String orderId, final String customerId,
                                                 final String reasonCode, final String reasonMessage) {
        return NotificationRequested.newBuilder(confirmed(eventId, orderId, customerId))
                .setKind(NotificationKind.ORDER_REJECTED)
                .setReasonCode(reasonCode)
                .setReasonMessage(reasonMessage)
                .build();
    }
}
