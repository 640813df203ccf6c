package dev.orderpipeline.consumers;

import dev.orderpipeline.consumers.internal.NotificationEngine;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The notification dispatcher: one member of the consumer group {@link NotificationConfig#groupId()} that delivers
 * {@code NotificationRequested} events through the configured channel. Start as many instances as there are
 * partitions of {@code notifications}, in one JVM or many; they share the work and take over each other's
 * partitions with their dedupe state. See the package docs for the delivery guarantees.
 *
 * <pre>{@code
 * try (NotificationService notifications = NotificationService.start(config, kafka, topics, meters)) {
 *     health = new Health(List.of(notifications.readiness()));
 *     ...
 * }
 * }</pre>
 *
 * <p>Holds no static state and never exits the JVM, so the local stack runs it next to the other services.
 */
public final class NotificationService implements AutoCloseable {

    private final NotificationEngine engine;

    private NotificationService(final NotificationEngine engine) {
        this.engine = engine;
    }

    /**
     * Checks (and unless disabled creates) the dispatcher's topics, then starts consuming in a thread of its own.
     *
     * @param topics supplies the Avro serde of {@code notifications}; the service does not close it
     * @param meters where the dispatcher's, the breakers' and the Kafka clients' meters go
     * @throws IllegalStateException if {@code notifications} does not exist or the co-partitioned topics have a
     *                               different partition count
     */
    public static NotificationService start(final NotificationConfig config, final KafkaSettings kafka,
                                            final Topics topics, final MeterRegistry meters) {
        return new NotificationService(NotificationEngine.start(config, kafka, topics, meters));
    }

    /** Up while the consumer runs with its partitions' dedupe state loaded; down while starting, restoring or failed. */
    public Health.Check readiness() {
        return new Health.Check("notifications", engine::status);
    }

    /** Finishes and commits the batch in progress, leaves the group and releases every connection. */
    @Override
    public void close() {
        engine.close();
    }
}
