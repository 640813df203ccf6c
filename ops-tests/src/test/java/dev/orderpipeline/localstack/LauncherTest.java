package dev.orderpipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.schemas.TopicSpec;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The role launcher of the deployable jar, above all its {@code init} role (the start-up job of compose and
 * Kubernetes), on a real in-process broker and the project's registry server.
 *
 * <p>The scenarios run in order on one broker, as a deployment lives: nothing yet, a first start, a restart, then a
 * topic someone changed by hand. They never delete and re-create the pipeline topics: topic deletion is asynchronous
 * in Kafka, and clients that still know the old incarnation of a name fail against the new one.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherTest {

    private static final List<String> PIPELINE_TOPICS = Topics.specs().stream().map(TopicSpec::name).toList();

    private KafkaCluster kafka;
    private SchemaRegistryServer registry;

    @BeforeAll
    void start(final KafkaCluster cluster) throws Exception {
        kafka = cluster;
        registry = SchemaRegistryServer.start(0);
        final Set<String> existing = kafka.adminClient().listTopics().names().get(30, TimeUnit.SECONDS);
        assertThat(existing).as("the pipeline topics must not exist before these tests (another test in this JVM "
                + "made them)").doesNotContainAnyElementsOf(PIPELINE_TOPICS);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private Env env(final Map<String, String> extra) {
        final Map<String, String> values = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "TOPIC_PARTITIONS", "3",
                "INIT_TIMEOUT", "30s"));
        values.putAll(extra);
        return new Env(values);
    }

    private record Run(int status, String out, String err) {
    }

    private static Run init(final Env env, final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = Launcher.init(env, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, Integer> partitions() throws Exception {
        final Map<String, TopicDescription> topics = kafka.adminClient().describeTopics(PIPELINE_TOPICS)
                .allTopicNames().get(30, TimeUnit.SECONDS);
        return topics.values().stream().collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
    }

    private String registryConfig() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url() + "/config")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @Order(1)
    void shouldWaitForTopicsThatDoNotExistOnlyUntilItsTimeout() {
        // When: nothing created yet
        final long started = System.nanoTime();
        final Run missing = init(env(Map.of("INIT_TIMEOUT", "3s")), "--wait");
        final Duration waited = Duration.ofNanos(System.nanoTime() - started);

        // Then
        assertThat(missing.status()).isEqualTo(Launcher.EXIT_FAILED);
        assertThat(missing.err()).contains("missing topics");
        assertThat(waited).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    @Order(2)
    void shouldCreateEveryTopicCoPartitionedSetBackwardAndSeedTheDemoCatalogueOnFirstStart() throws Exception {
        // When
        final Run run = init(env(Map.of("REGISTRY_COMPATIBILITY", "BACKWARD", "SEED_DEMO_DATA", "true")));

        // Then
        assertThat(run.status()).as("exit status; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("Init done: created").contains("Seeded the demo catalogue");
        assertThat(partitions()).hasSize(PIPELINE_TOPICS.size()).allSatisfy((topic, count) -> assertThat(count)
                .as("partitions of %s", topic).isEqualTo(3));
        assertThat(registryConfig()).contains("BACKWARD");
        assertThat(records(Topics.INVENTORY)).isEqualTo(100);
        assertThat(records(Topics.ACCOUNTS)).isEqualTo(3000);
        assertThat(init(env(Map.of()), "--wait").status()).isZero();
    }

    @Test
    @Order(3)
    void shouldChangeNothingOnARestartNorResetStock() throws Exception {
        // When: init again, asking for another partition count and for demo data
        final Run again = init(env(Map.of("TOPIC_PARTITIONS", "5", "SEED_DEMO_DATA", "true")));

        // Then: existing topics are never changed (that would move keys), stock is never reset
        assertThat(again.status()).as("stderr: %s", again.err()).isZero();
        assertThat(again.out()).contains("created no topics").doesNotContain("Seeded");
        assertThat(partitions().values()).containsOnly(3);
        assertThat(records(Topics.INVENTORY)).isEqualTo(100);
    }

    @Test
    @Order(4)
    void shouldRefuseTopicsTheSagaCannotJoinBecauseTheirPartitionCountsDiffer() throws Exception {
        // Given: someone added partitions to accounts by hand
        kafka.adminClient().createPartitions(Map.of(Topics.ACCOUNTS, NewPartitions.increaseTo(4)))
                .all().get(30, TimeUnit.SECONDS);

        // When
        final Run run = init(env(Map.of()));

        // Then
        assertThat(run.status()).isEqualTo(Launcher.EXIT_FAILED);
        assertThat(run.err()).contains("same number of partitions").contains(Topics.ACCOUNTS + "=4");
    }

    private long records(final String topic) throws Exception {
        final Admin admin = kafka.adminClient();
        final int count = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().size();
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < count; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    @Test
    void shouldRejectInvalidSettingsAndArguments() {
        assertThat(init(env(Map.of("TOPIC_PARTITIONS", "0"))).status()).isEqualTo(Launcher.EXIT_USAGE);
        assertThat(init(env(Map.of("REGISTRY_COMPATIBILITY", "SIDEWAYS"))).err()).contains("REGISTRY_COMPATIBILITY");
        assertThat(init(env(Map.of()), "--now").status()).isEqualTo(Launcher.EXIT_USAGE);
    }

    @Test
    void shouldExplainARoleWhoseMainClassIsNotInTheJar() throws Exception {
        // Given
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        // When
        final int status = Launcher.runByName("dev.orderpipeline.nothing.Here", "notifications", new String[0],
                new PrintStream(err, true, StandardCharsets.UTF_8));

        // Then
        assertThat(status).isEqualTo(Launcher.EXIT_MISSING_ROLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("role notifications is not available")
                .contains("dev.orderpipeline.nothing.Here");
    }
}
