package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.NotificationConfig;
import dev.orderpipeline.consumers.internal.channel.Channel;
import dev.orderpipeline.consumers.internal.dedupe.SettledEvents;
import dev.orderpipeline.consumers.internal.dedupe.SettledEventsLoader;
import dev.orderpipeline.consumers.internal.retry.RetryScheduler;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one dispatcher instance — topics checked, channel, breakers, clients, meters, poll thread — and takes it
 * apart again in reverse order. Everything is per instance: several can run in one JVM.
 */
public final class NotificationEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationEngine.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Channel channel;
    private final Breakers breakers;
    private final DispatchMetrics metrics;
    private final SettlementWriter writer;
    private final KafkaClientMetrics consumerMetrics;
    private final KafkaClientMetrics producerMetrics;
    private final DispatchLoop loop;
    private final Thread thread;

    private NotificationEngine(final NotificationConfig config, final KafkaSettings kafka, final Topics topics,
                               final MeterRegistry meters) {
        final Clock clock = Clock.systemUTC();
        final String clientId = "notifications-" + config.groupId() + "-" + UUID.randomUUID().toString().substring(0, 8);
        final Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            this.channel = opened(opened, Channel.create(config));
            this.breakers = opened(opened, new Breakers(config.breaker(), config.channel(), meters));
            this.metrics = opened(opened, new DispatchMetrics(meters, config.channel()));
            this.writer = opened(opened, new SettlementWriter(kafka, config.topics(), config.channel(), clientId + "-producer"));
            final KafkaConsumer<byte[], byte[]> consumer = opened(opened, new KafkaConsumer<>(
                    consumerConfig(config, kafka, clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            this.consumerMetrics = opened(opened, new KafkaClientMetrics(consumer));
            this.consumerMetrics.bindTo(meters);
            this.producerMetrics = opened(opened, new KafkaClientMetrics(writer.producer()));
            this.producerMetrics.bindTo(meters);
            final SettledEventsLoader loader = opened(opened, new SettledEventsLoader(kafka.clientConfig(),
                    config.topics().delivered(), RESTORE_TIMEOUT));
            final SettledEvents settled = new SettledEvents(config.dedupeRetention());
            final Dispatcher dispatcher = new Dispatcher(channel, breakers,
                    new RetryScheduler(config.retry(), config.topics(), RandomGenerator.getDefault()), metrics,
                    attemptGuard(config), clock);
            final BatchProcessor batches = new BatchProcessor(
                    new RecordDecoder(topics.notifications().valueSerde().deserializer()), dispatcher, settled, writer,
                    metrics, Math.min(config.maxInFlight(), channel.maxConcurrency()), config.registryBackoff(), clock);
            this.loop = new DispatchLoop(consumer, batches, metrics, settled, loader, config.topics(),
                    config.registryBackoff(), clock);
        } catch (final RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
        this.thread = new Thread(loop, "notification-dispatcher-" + clientId.substring(clientId.length() - 8));
        this.thread.setDaemon(true);
    }

    private static <T extends AutoCloseable> T opened(final Deque<AutoCloseable> opened, final T resource) {
        opened.push(resource);
        return resource;
    }

    /** Releases what a failed start had opened, newest first, keeping the start failure as the main error. */
    private static void closeAll(final Deque<AutoCloseable> opened, final RuntimeException failure) {
        for (final AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (final Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Checks the topics, then starts polling in a thread of its own. */
    public static NotificationEngine start(final NotificationConfig config, final KafkaSettings kafka,
                                           final Topics topics, final MeterRegistry meters) {
        final int partitions = TopicSetup.ensure(kafka.clientConfig(), config.topics(), config.dedupeRetention(),
                config.createTopics(), ADMIN_TIMEOUT);
        final NotificationEngine engine = new NotificationEngine(config, kafka, topics, meters);
        engine.thread.start();
        LOG.info("Notification dispatcher started: channel {}, group {}, {} partitions of {}", config.channel().label(),
                config.groupId(), partitions, config.topics().notifications());
        return engine;
    }

    private static Map<String, Object> consumerConfig(final NotificationConfig config, final KafkaSettings kafka,
                                                      final String clientId) {
        final Map<String, Object> c = kafka.clientConfig();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        // Notifications come from an exactly-once Streams app: never act on a request of an aborted transaction.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Co-partitioning: partition p of notifications, both retry tiers and the dedupe state on one instance.
        c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(RangeAssignor.class.getName()));
        return c;
    }

    /** A bound on one attempt beyond the channel's own timeouts. */
    private static Duration attemptGuard(final NotificationConfig config) {
        final Duration webhook = config.webhook().connectTimeout().plus(config.webhook().requestTimeout().multipliedBy(2));
        final Duration email = config.email().connectTimeout().plus(config.email().ioTimeout().multipliedBy(6));
        return (webhook.compareTo(email) > 0 ? webhook : email).plusSeconds(5);
    }

    /** Up while the poll loop runs with its dedupe state loaded. */
    public Health.Status status() {
        final DispatchLoop.State state = loop.state();
        final String detail = state + ", " + loop.assignedPartitions() + " partitions"
                + (breakers.notClosed().isEmpty() ? "" : ", circuits " + breakers.notClosed());
        return state == DispatchLoop.State.RUNNING ? Health.Status.up(detail) : Health.Status.down(detail);
    }

    @Override
    public void close() {
        loop.stop();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Notification dispatcher did not stop within {}", STOP_TIMEOUT);
        }
        consumerMetrics.close();
        producerMetrics.close();
        writer.close();
        channel.close();
        breakers.close();
        metrics.close();
        LOG.info("Notification dispatcher stopped");
    }
}
