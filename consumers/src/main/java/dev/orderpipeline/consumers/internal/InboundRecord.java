package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.internal.retry.RetryHeaders;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One polled record, from {@code notifications} or a retry tier, with its retry state read from the headers.
 *
 * @param record       the raw record (key and value bytes as produced)
 * @param attemptsMade delivery attempts already made (0 for an original request)
 * @param dueAt        when a retry copy may be attempted; empty for originals
 */
record InboundRecord(ConsumerRecord<byte[], byte[]> record, int attemptsMade, Optional<Instant> dueAt) {

    static InboundRecord of(final ConsumerRecord<byte[], byte[]> record) {
        return new InboundRecord(record, RetryHeaders.attempts(record.headers()), RetryHeaders.dueAt(record.headers()));
    }

    TopicPartition topicPartition() {
        return new TopicPartition(record.topic(), record.partition());
    }

    int partition() {
        return record.partition();
    }

    long offset() {
        return record.offset();
    }

    String topic() {
        return record.topic();
    }

    /** Whether a retry copy must still wait. */
    boolean notDueAt(final Instant now) {
        return dueAt.map(now::isBefore).orElse(false);
    }
}
