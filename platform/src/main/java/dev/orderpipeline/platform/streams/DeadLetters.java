package dev.orderpipeline.platform.streams;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How a dead-letter record looks: the original key and value bytes, the original headers, and these headers
 * saying why and where from. Every dead-letter topic of the pipeline uses them, so one tool reads them all.
 */
public final class DeadLetters {

    /** Machine-readable reason, e.g. {@code INVALID_WIRE_FORMAT}, {@code UNKNOWN_SCHEMA_ID}, {@code CORRUPT_AVRO}. */
    public static final String REASON = "dlq.reason";
    /** Human-readable explanation. */
    public static final String MESSAGE = "dlq.message";
    /** Class name of the exception that sent the record here, if any. */
    public static final String EXCEPTION = "dlq.exception";
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    /** Partition the record was read from (decimal text). */
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    /** Offset the record was read from (decimal text). */
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** Processor or component that gave up on the record. */
    public static final String FAILED_AT = "dlq.failed.at";

    private DeadLetters() {
    }

    /** Builds a dead-letter record; {@code exception} may be null for business-rule rejections. */
    public static ProducerRecord<byte[], byte[]> record(final String dlqTopic, final byte[] key, final byte[] value,
                                                        final Headers original, final String reason,
                                                        final String message, final Throwable exception,
                                                        final String sourceTopic, final int partition,
                                                        final long offset, final String failedAt) {
        final Headers headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        put(headers, REASON, reason);
        put(headers, MESSAGE, message == null ? "" : message);
        if (exception != null) {
            put(headers, EXCEPTION, exception.getClass().getName());
        }
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        if (failedAt != null) {
            put(headers, FAILED_AT, failedAt);
        }
        return new ProducerRecord<>(dlqTopic, null, key, value, headers);
    }

    /**
     * The dead-letter topic a handler was configured with: Kafka's own {@code errors.dead.letter.queue.topic.name}.
     *
     * @throws IllegalArgumentException when it is missing, so a misconfigured app fails at start, not on its first
     *                                  poison record
     */
    public static String topicFrom(final Map<String, ?> configs, final Class<?> handler) {
        final Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new IllegalArgumentException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must name the dead-letter topic for " + handler.getSimpleName());
        }
        return topic.toString();
    }

    /** Reads a header as UTF-8 text, or null if absent. */
    public static String header(final Headers headers, final String name) {
        final var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(final Headers headers, final String name, final String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
