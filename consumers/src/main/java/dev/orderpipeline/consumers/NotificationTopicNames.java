package dev.orderpipeline.consumers;

import dev.orderpipeline.schemas.TopicSpec;
import dev.orderpipeline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The topics the dispatcher reads and writes. Production uses {@link #defaults()}; tests and benchmarks sharing a
 * broker pass unique names. The default names are those declared in {@link Topics}.
 *
 * @param notifications requests to deliver (Avro {@code NotificationRequested}, key order id)
 * @param retryShort    the short retry tier (original bytes plus retry headers)
 * @param retryLong     the long retry tier
 * @param delivered     settled event ids (key event id, value {@code DELIVERED} or {@code DEAD_LETTERED})
 * @param deadLetters   notifications that cannot be delivered, with {@code dlq.*} reason headers
 */
public record NotificationTopicNames(String notifications, String retryShort, String retryLong, String delivered,
                                     String deadLetters) {

    /** Short retry tier; the delay is {@link RetryPolicy#shortDelay()}, one minute by default. */
    public static final String NOTIFICATIONS_RETRY_SHORT = Topics.NOTIFICATIONS_RETRY_1M;
    /** Long retry tier; delays up to {@link RetryPolicy#longDelay()}, ten minutes by default. */
    public static final String NOTIFICATIONS_RETRY_LONG = Topics.NOTIFICATIONS_RETRY_10M;
    /** Event ids whose delivery is settled: the dedupe state. */
    public static final String NOTIFICATIONS_DELIVERED = Topics.NOTIFICATIONS_DELIVERED;

    private static final long SEVEN_DAYS_MS = Duration.ofDays(7).toMillis();
    private static final long FOURTEEN_DAYS_MS = Duration.ofDays(14).toMillis();

    public NotificationTopicNames {
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(retryShort, "retryShort");
        Objects.requireNonNull(retryLong, "retryLong");
        Objects.requireNonNull(delivered, "delivered");
        Objects.requireNonNull(deadLetters, "deadLetters");
    }

    public static NotificationTopicNames defaults() {
        return new NotificationTopicNames(Topics.NOTIFICATIONS, NOTIFICATIONS_RETRY_SHORT, NOTIFICATIONS_RETRY_LONG,
                NOTIFICATIONS_DELIVERED, Topics.NOTIFICATIONS_DLQ);
    }

    /** Names with a common prefix, for tests and benchmarks that share a broker. */
    public static NotificationTopicNames prefixed(final String prefix) {
        final NotificationTopicNames d = defaults();
        return new NotificationTopicNames(prefix + d.notifications(), prefix + d.retryShort(), prefix + d.retryLong(),
                prefix + d.delivered(), prefix + d.deadLetters());
    }

    /** The topics read by the consumer group: the requests and both retry tiers. */
    public List<String> inputs() {
        return List.of(notifications, retryShort, retryLong);
    }

    /**
     * How the dispatcher's own topics are created. Retry tiers keep records 7 days (far beyond any retry delay);
     * the delivered markers are written once per event id, so they use plain time retention, which is the dedupe
     * window; compaction would keep them for ever. Both must have as many partitions as {@code notifications}.
     *
     * @param dedupeRetention how long settled event ids are remembered
     */
    public List<TopicSpec> specs(final Duration dedupeRetention) {
        return List.of(
                new TopicSpec(retryShort, false, SEVEN_DAYS_MS),
                new TopicSpec(retryLong, false, SEVEN_DAYS_MS),
                new TopicSpec(delivered, false, dedupeRetention.toMillis()),
                new TopicSpec(deadLetters, false, FOURTEEN_DAYS_MS));
    }

    /** Topics that must have exactly as many partitions as {@link #notifications()}. */
    public List<String> coPartitioned() {
        return List.of(retryShort, retryLong, delivered);
    }
}
