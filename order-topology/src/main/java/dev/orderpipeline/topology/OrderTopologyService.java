package dev.orderpipeline.topology;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.streams.StreamsProperties;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.topology.internal.PartitionLayout;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the order saga. Any number of instances with the same application id share the work
 * (each needs its own state directory); when one stops or dies, the others take over its tasks and restore their
 * state from the changelogs, and exactly-once processing makes sure no order is decided twice.
 *
 * <p>Holds no static state and never exits the JVM, so several can run in one process (the local stack, tests).
 * The caller owns {@link Topics} and the meter registry and closes them after this service.
 */
public final class OrderTopologyService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderTopologyService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final String applicationId;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OrderTopologyService(final String applicationId, final KafkaStreams streams,
                                 final KafkaStreamsMetrics metrics) {
        this.applicationId = applicationId;
        this.streams = streams;
        this.metrics = metrics;
    }

    /**
     * Checks the input topics, builds the saga, logs its description and starts Streams; returns without waiting for
     * RUNNING (see {@link #readiness()}).
     *
     * @throws IllegalStateException if the input topics are missing or not co-partitioned
     */
    public static OrderTopologyService start(final OrderTopologyConfig config, final KafkaSettings kafka,
                                             final Topics topics, final MeterRegistry meters) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            PartitionLayout.verify(admin, List.of(topics.orders().name(), topics.orderCancellations().name(),
                    topics.inventory().name(), topics.accounts().name()), ADMIN_TIMEOUT);
        }
        final Topology topology = OrderSagaTopology.build(new StreamsBuilder(), topics, config.saga());
        LOG.info("Order saga topology ({}):\n{}", config.applicationId(), topology.describe());
        final Properties props = StreamsProperties.base(config.applicationId(), kafka, config.stateDir(),
                topics.ordersDlq().name(), config.replicationFactor());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.numThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbys());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        // A task never waits for one of its input partitions to catch up with the others: the saga does not depend
        // on timestamp order across its inputs (answers, cancellations and adjustments may arrive in any order and
        // the state machine handles each), so waiting would only add latency, and the wait check itself is costly
        // for tasks with idle inputs (order-cancellations, step-compensations).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        final KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Order saga stream thread failed; replacing it (uncommitted work is redone exactly once)", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) ->
                LOG.info("Order saga {} state {} -> {}", config.applicationId(), before, now));
        final KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(meters);
        streams.start();
        return new OrderTopologyService(config.applicationId(), streams, metrics);
    }

    /** Up when Streams is RUNNING: every task assigned and its stores restored. */
    public Health.Check readiness() {
        return new Health.Check("order-saga", () -> {
            final KafkaStreams.State state = streams.state();
            return state == KafkaStreams.State.RUNNING ? Health.Status.up(state.name()) : Health.Status.down(state.name());
        });
    }

    /** The Streams client, for interactive queries and tests. */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Stops processing and leaves the group; local state stays on disk so a restart resumes from it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Stopping order saga {}", applicationId);
        metrics.close();
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("Order saga {} did not stop within {}", applicationId, CLOSE_TIMEOUT);
        }
    }
}
