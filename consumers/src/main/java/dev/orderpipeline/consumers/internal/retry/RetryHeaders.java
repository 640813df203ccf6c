package dev.orderpipeline.consumers.internal.retry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a retry copy (its value and key are the original bytes). The origin headers are set on the first
 * retry and kept after, so a dead letter still says where the notification first came from.
 */
public final class RetryHeaders {

    /** Delivery attempts made so far (decimal). Absent on the original record: zero. */
    public static final String ATTEMPTS = "notify.attempts";
    /** Earliest start of the next attempt, epoch milliseconds (decimal). */
    public static final String DUE_AT = "notify.due.at";
    /** {@code FailureCode} of the last failed attempt. */
    public static final String LAST_FAILURE = "notify.last.failure";
    /** Human-readable detail of the last failed attempt. */
    public static final String LAST_MESSAGE = "notify.last.message";
    /** Topic, partition and offset of the original request. */
    public static final String ORIGIN_TOPIC = "notify.origin.topic";
    public static final String ORIGIN_PARTITION = "notify.origin.partition";
    public static final String ORIGIN_OFFSET = "notify.origin.offset";
    /** Channel that made the attempts. */
    public static final String CHANNEL = "notify.channel";

    private RetryHeaders() {
    }

    /** Attempts recorded on a record; 0 when absent or unreadable. */
    public static int attempts(final Headers headers) {
        return text(headers, ATTEMPTS).map(RetryHeaders::parseInt).orElse(0);
    }

    /** When a retry copy is due; empty for original records. */
    public static Optional<Instant> dueAt(final Headers headers) {
        return text(headers, DUE_AT).map(v -> {
            try {
                return Instant.ofEpochMilli(Long.parseLong(v));
            } catch (final NumberFormatException e) {
                return null;
            }
        });
    }

    /** Headers for the next retry copy: the originals with the retry state replaced. */
    public static Headers forRetry(final Headers original, final int attemptsMade, final Instant dueAt,
                                   final String failure, final String message, final String channel,
                                   final String sourceTopic, final int sourcePartition, final long sourceOffset) {
        final Headers headers = new RecordHeaders(original.toArray());
        if (original.lastHeader(ORIGIN_TOPIC) == null) {
            put(headers, ORIGIN_TOPIC, sourceTopic);
            put(headers, ORIGIN_PARTITION, Integer.toString(sourcePartition));
            put(headers, ORIGIN_OFFSET, Long.toString(sourceOffset));
        }
        put(headers, ATTEMPTS, Integer.toString(attemptsMade));
        put(headers, DUE_AT, Long.toString(dueAt.toEpochMilli()));
        put(headers, LAST_FAILURE, failure);
        put(headers, LAST_MESSAGE, message);
        put(headers, CHANNEL, channel);
        return headers;
    }

    /** Sets a header, replacing earlier values. */
    public static void put(final Headers headers, final String name, final String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> text(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Integer parseInt(final String text) {
        try {
            return Math.max(0, Integer.parseInt(text.trim()));
        } catch (final NumberFormatException e) {
            return 0;
        }
    }
}
