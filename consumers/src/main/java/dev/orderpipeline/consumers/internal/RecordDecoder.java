package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.internal.channel.FailureCode;
import dev.orderpipeline.platform.streams.FailureReason;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.registry.RegistryUnavailableException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns record bytes into a {@link Decoded}. The deserializer caches writer schemas by id, so the registry is asked
 * once per schema, not per record. Poison is told apart from a registry outage: the first is dead-lettered, the
 * second must never be (the record is fine).
 */
final class RecordDecoder {

    private final Deserializer<NotificationRequested> deserializer;

    RecordDecoder(final Deserializer<NotificationRequested> deserializer) {
        this.deserializer = deserializer;
    }

    Decoded decode(final ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return new Decoded.Poison(FailureReason.DESERIALIZATION_ERROR.name(), "Record has no value", null);
        }
        final NotificationRequested notification;
        try {
            notification = deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (final RegistryUnavailableException e) {
            return new Decoded.RegistryDown(e);
        } catch (final SerializationException e) {
            return new Decoded.Poison(FailureReason.ofDeserialization(e).name(), e.getMessage(), e);
        } catch (final RuntimeException e) {
            return new Decoded.Poison(FailureReason.DESERIALIZATION_ERROR.name(), e.toString(), e);
        }
        return validate(notification);
    }

    private static Decoded validate(final NotificationRequested n) {
        if (blank(n.getEventId()) || blank(n.getOrderId()) || blank(n.getCustomerId())) {
            return new Decoded.Poison(FailureCode.INVALID_NOTIFICATION.name(),
                    "Notification lacks eventId, orderId or customerId: " + n, null);
        }
        return new Decoded.Valid(n);
    }

    private static boolean blank(final String text) {
        return text == null || text.isBlank();
    }
}
