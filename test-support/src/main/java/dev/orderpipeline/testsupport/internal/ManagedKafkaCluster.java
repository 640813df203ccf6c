package dev.orderpipeline.testsupport.internal;

import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.KafkaClusterException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend-independent part of {@link KafkaCluster}: topic administration, client settings, unique names,
 * scratch directories and the stopped/running bookkeeping. Backends only say how to stop, restart and close the
 * broker; everything a test can observe is implemented once here, so both backends behave alike.
 */
public abstract class ManagedKafkaCluster implements KafkaCluster, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagedKafkaCluster.class);

    /** Generous because the CI machine has two cores shared with other builds. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final short REPLICATION_FACTOR = 1;
    private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    private final String bootstrapServers;
    private final Admin admin;
    private final Path scratchRoot;
    private final AtomicLong nameSequence = new AtomicLong();
    /** Guarded by {@code this}: stop, start and the after-test check must not interleave. */
    private boolean brokerRunning = true;

    /**
     * Connects the internal admin client to a broker the subclass has already started.
     *
     * @param bootstrapServers the broker address, which must stay valid across broker restarts
     */
    protected ManagedKafkaCluster(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.scratchRoot = createTempDirectory("orderpipeline-test-kafka-");
        this.admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Stops the broker process, keeping its data and address. */
    protected abstract void shutdownBroker();

    /** Restarts a stopped broker on the same address and returns once it is registered and serving. */
    protected abstract void restartBroker();

    /** Releases the broker for good; called once, at the end of the JVM's test run. */
    protected abstract void closeBroker();

    @Override
    public final String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public final void createTopics(final int partitions, final String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        final List<String> topics = List.of(names);
        final List<NewTopic> newTopics = topics.stream()
                .map(name -> new NewTopic(name, partitions, REPLICATION_FACTOR))
                .toList();
        admin.createTopics(newTopics).values().forEach((topic, future) -> {
            try {
                await("create topic " + topic, future);
            } catch (final KafkaClusterException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                log.debug("Topic {} already exists; leaving it as it is", topic);
            }
        });
        awaitCondition("topics " + topics + " to have a leader for every partition",
                () -> everyPartitionHasLeader(topics));
    }

    @Override
    public final void deleteTopics(final String... names) {
        final List<String> topics = List.of(names);
        admin.deleteTopics(topics).topicNameValues().forEach((topic, future) -> {
            try {
                await("delete topic " + topic, future);
            } catch (final KafkaClusterException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        });
        awaitCondition("topics " + topics + " to disappear",
                () -> await("list topics", admin.listTopics().names()).stream().noneMatch(topics::contains));
    }

    @Override
    public final String uniqueName(final String prefix) {
        if (prefix == null || !LEGAL_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "prefix must be 1-200 of [a-zA-Z0-9._-] so the result is a legal topic name, was '" + prefix + "'");
        }
        // The sequence makes names unique for this cluster; the random part keeps them apart from names left by
        // an earlier run if a backend ever reuses a broker.
        return prefix + "-" + nameSequence.incrementAndGet() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    }

    @Override
    public final Admin adminClient() {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    @Override
    public final Map<String, Object> producerConfig() {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    @Override
    public final Map<String, Object> consumerConfig() {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, uniqueName("group"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    @Override
    public final synchronized void stopBroker() {
        if (!brokerRunning) {
            return;
        }
        final long started = System.nanoTime();
        shutdownBroker();
        brokerRunning = false;
        log.info("Stopped Kafka broker at {} in {} ms", bootstrapServers, elapsedMillis(started));
    }

    @Override
    public final synchronized void startBroker() {
        if (brokerRunning) {
            return;
        }
        final long started = System.nanoTime();
        restartBroker();
        brokerRunning = true;
        // Producers retry on a leaderless partition, but a test with a short delivery timeout would not; waiting
        // here makes "startBroker returned" mean "sends succeed", whatever the test's client settings.
        awaitCondition("every partition to have a leader after the broker restart", this::everyPartitionHasLeader);
        log.info("Restarted Kafka broker at {} in {} ms", bootstrapServers, elapsedMillis(started));
    }

    /**
     * Whether the broker is up, as far as this class knows.
     *
     * @return {@code false} between {@link #stopBroker()} and {@link #startBroker()}
     */
    public final synchronized boolean brokerRunning() {
        return brokerRunning;
    }

    /**
     * Restarts the broker if a test left it stopped, so the failure stays with that test instead of turning into
     * timeouts in unrelated later tests.
     */
    public final synchronized void ensureBrokerRunning() {
        if (!brokerRunning) {
            log.warn("A test left the Kafka broker at {} stopped; restarting it for the tests that follow",
                    bootstrapServers);
            startBroker();
        }
    }

    @Override
    public final Path streamsStateDir() {
        try {
            return Files.createTempDirectory(scratchRoot, "streams-state-");
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not create a Kafka Streams state directory under " + scratchRoot, e);
        }
    }

    /**
     * Closes the internal admin client, the broker and the scratch directories. Failures are logged per step so
     * that one does not keep the others from being released; a broker that fails to close is rethrown.
     */
    @Override
    public final void close() {
        Utils.closeQuietly(admin, "test-support admin client");
        try {
            closeBroker();
        } finally {
            deleteScratchRoot();
        }
    }

    private void deleteScratchRoot() {
        try {
            Utils.delete(scratchRoot.toFile());
        } catch (final IOException e) {
            // Streams instances a test forgot to close can still hold files; the OS temp cleaner takes them later.
            log.warn("Could not delete test scratch directory {}", scratchRoot, e);
        }
    }

    private boolean everyPartitionHasLeader() {
        final Set<String> topics = await("list topics", admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        return topics.isEmpty() || everyPartitionHasLeader(topics);
    }

    private boolean everyPartitionHasLeader(final Collection<String> topics) {
        final Map<String, TopicDescription> descriptions;
        try {
            descriptions = await("describe topics " + topics, admin.describeTopics(topics).allTopicNames());
        } catch (final KafkaClusterException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created on the controller, not yet in the broker's metadata cache
            }
            throw e;
        }
        return descriptions.values().stream()
                .flatMap(description -> description.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    }

    /**
     * Waits for a condition, polling quickly because each check is a cheap admin call against a local broker.
     *
     * @throws KafkaClusterException if the condition does not hold within {@link #READY_TIMEOUT}
     */
    static void awaitCondition(final String description, final Callable<Boolean> condition) {
        try {
            Awaitility.await(description)
                    .atMost(READY_TIMEOUT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .until(condition);
        } catch (final ConditionTimeoutException e) {
            throw new KafkaClusterException("Timed out after " + READY_TIMEOUT + " waiting for " + description, e);
        }
    }

    private static <T> T await(final String action, final KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("Interrupted while waiting to " + action, e);
        } catch (final ExecutionException e) {
            throw new KafkaClusterException("Could not " + action, e.getCause());
        } catch (final TimeoutException e) {
            throw new KafkaClusterException("Timed out after " + ADMIN_CALL_TIMEOUT + " trying to " + action, e);
        }
    }

    static Path createTempDirectory(final String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory " + prefix + "*", e);
        }
    }

    static long elapsedMillis(final long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    static void deleteQuietly(final File directory) {
        try {
            Utils.delete(directory);
        } catch (final IOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
