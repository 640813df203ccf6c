package dev.orderpipeline.testsupport;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The real Kafka broker a {@link RealKafka} test talks to.
 *
 * <p>One instance is shared by every test class in the JVM, so tests must not assume an empty cluster: name
 * topics, consumer groups, transactional ids and Streams application ids with {@link #uniqueName(String)}. The
 * cluster has a single broker; topics are therefore created with replication factor 1, and internal topics
 * (consumer offsets, transaction state) are configured for one replica so groups and transactions work.
 *
 * <p>Automatic topic creation is <em>off</em>: a producer or consumer on a topic nobody created fails or waits
 * instead of silently creating it with defaults. Create topics with {@link #createTopics(int, String...)}.
 *
 * <p>Implementations are thread-safe. The lifecycle belongs to the JUnit extension: there is deliberately no
 * {@code close()} here, because one test closing the shared broker would break every later test.
 */
public interface KafkaCluster {

    /**
     * The {@code bootstrap.servers} value for clients. It stays the same for the whole JVM, including after
     * {@link #stopBroker()} and {@link #startBroker()}, so clients created before an outage reconnect by themselves.
     *
     * @return {@code host:port} of the broker's client listener
     */
    String bootstrapServers();

    /**
     * Creates topics with replication factor 1 and returns once the broker's metadata shows every partition of
     * every topic with a leader, so a producer created right after does not race topic creation.
     *
     * <p>Idempotent: a topic that already exists is left as it is (even if it has a different partition count),
     * which lets several tests or {@code @BeforeEach} methods declare the topics they need.
     *
     * @param partitions number of partitions for each new topic, at least 1
     * @param names      topic names; use {@link #uniqueName(String)} unless the name must be fixed
     * @throws KafkaClusterException if creation fails for another reason or the topics do not become ready in time
     */
    void createTopics(int partitions, String... names);

    /**
     * Deletes topics and returns once the broker no longer lists them. Topics that do not exist are ignored.
     * Rarely needed when names are unique; useful for tests that check behaviour on a missing topic.
     *
     * @param names topic names
     * @throws KafkaClusterException if deletion fails or does not complete in time
     */
    void deleteTopics(String... names);

    /**
     * A name no other caller of this cluster gets, so tests sharing the broker never see each other's topics,
     * groups or transactions: {@code prefix}, a sequence number and a short random part, e.g. {@code orders-7-3f9a1c}.
     *
     * @param prefix a readable prefix (letters, digits, {@code .}, {@code _}, {@code -}) that shows up in broker
     *               logs and failure messages
     * @return a name that is also a legal topic name
     */
    String uniqueName(String prefix);

    /**
     * A new admin client connected to this cluster. The caller owns it and must close it (try-with-resources);
     * it is not shared so that a test closing it, or changing its timeouts, cannot affect other tests.
     *
     * @return a new {@link Admin}
     */
    Admin adminClient();

    /**
     * Base producer settings: bootstrap servers, {@code acks=all} and idempotence on, matching what the pipeline
     * runs with in production. Serializers are not set; pass them to the producer constructor.
     *
     * @return a new mutable map the caller may change
     */
    Map<String, Object> producerConfig();

    /**
     * Base consumer settings: bootstrap servers, a fresh unique {@code group.id} per call, reading from the
     * earliest offset and auto-commit off (tests decide when offsets move). The isolation level is Kafka's default
     * ({@code read_uncommitted}); set {@code read_committed} when the test is about transactions.
     *
     * @return a new mutable map the caller may change
     */
    Map<String, Object> consumerConfig();

    /**
     * Stops the broker while keeping its data, to test behaviour during an outage. Clients then fail by their own
     * timeouts ({@code delivery.timeout.ms}, {@code max.block.ms}, {@code default.api.timeout.ms}) as they would
     * against a dead broker. Does nothing if already stopped.
     *
     * <p>This affects every test in the JVM. Call {@link #startBroker()} when done (the extension also restarts a
     * broker left stopped after each test), and mark such test classes
     * {@link org.junit.jupiter.api.parallel.Isolated @Isolated} in case parallel execution is ever enabled.
     *
     * @throws KafkaClusterException if the broker does not stop in time
     */
    void stopBroker();

    /**
     * Starts a broker stopped by {@link #stopBroker()} on the same address and returns once it serves requests
     * and every existing partition has a leader again. Does nothing if the broker is running.
     *
     * @throws KafkaClusterException if the broker cannot come back on the same address or in time
     */
    void startBroker();

    /**
     * A new, empty directory for one Kafka Streams instance's {@code state.dir}. Streams locks and reuses state
     * directories by application id, so sharing the default {@code /tmp/kafka-streams} between tests (or with a
     * developer's local run) leads to lock errors and stale state. Directories are removed when the JVM's tests end.
     *
     * @return a fresh directory on every call
     * @throws java.io.UncheckedIOException if the directory cannot be created
     */
    Path streamsStateDir();
}
