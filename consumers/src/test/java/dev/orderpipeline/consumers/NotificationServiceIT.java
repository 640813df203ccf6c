package dev.orderpipeline.consumers;

import static dev.orderpipeline.consumers.DispatcherHarness.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.registry.SchemaRegistryServerConfig;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The service's life cycle on the real broker: readiness, meters, scaling out, start-up checks, registry outages. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private DispatcherHarness harness;
    private KafkaCluster kafka;

    @BeforeAll
    void start(final KafkaCluster cluster) {
        kafka = cluster;
        harness = new DispatcherHarness(cluster);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private NotificationConfig logConfig(final NotificationTopicNames topics) {
        return NotificationConfig.defaults().withTopics(topics).withGroupId(harness.uniqueName("log"));
    }

    private static NotificationRequested[] notifications(final String prefix, final int from, final int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> SampleNotifications.confirmed(prefix + "-e" + i, prefix + "-o" + i, "c-" + i))
                .toArray(NotificationRequested[]::new);
    }

    @Test
    void shouldBeReadyOnceAssignedDeliverThroughTheLogChannelAndExportMeters() {
        // Given
        final NotificationTopicNames topics = harness.newTopics(2);
        final MeterRegistry meters = new SimpleMeterRegistry();
        final NotificationService service = harness.start(logConfig(topics), meters);
        try {
            // When
            await().atMost(WAIT).until(() -> service.readiness().probe().get().up());
            harness.send(topics, notifications("log", 0, 3));
            // Then
            await().atMost(WAIT).until(() -> count(meters, "notifications.delivered", "channel", "log") == 3);
            assertThat(service.readiness().name()).isEqualTo("notifications");
            assertThat(service.readiness().probe().get().detail()).contains("RUNNING").contains("6 partitions");
            await().atMost(WAIT).untilAsserted(() -> assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max")
                    .gauges()).as("consumer lag from the Kafka client binder").isNotEmpty());
            assertThat(meters.find("notifications.breaker.state").tag("destination", "log").tag("state", "CLOSED")
                    .gauge().value()).isEqualTo(1);
        } finally {
            service.close();
        }
        // Then: stopped means not ready, and its meters are gone
        assertThat(service.readiness().probe().get().up()).isFalse();
        assertThat(meters.find("notifications.delivered").counters()).isEmpty();
    }

    @Test
    void shouldShareTheWorkBetweenInstancesAndHandOverWithoutDuplicates() {
        // Given: one instance of a group, then a second joins
        final NotificationTopicNames topics = harness.newTopics(4);
        final NotificationConfig config = logConfig(topics);
        final MeterRegistry remaining = new SimpleMeterRegistry();
        try (NotificationService two = harness.start(config, remaining)) {
            final MeterRegistry leaving = new SimpleMeterRegistry();
            final double deliveredByLeaving;
            try (NotificationService one = harness.start(config, leaving)) {
                await().atMost(WAIT).until(() -> holds(one, "RUNNING, 6 partitions") && holds(two, "RUNNING, 6 partitions"));
                // When
                harness.send(topics, notifications("scale", 0, 40));
                // Then: each delivers its share, nothing twice
                await().atMost(WAIT).until(() -> count(leaving, "notifications.delivered")
                        + count(remaining, "notifications.delivered") == 40);
                deliveredByLeaving = count(leaving, "notifications.delivered");
                assertThat(deliveredByLeaving).as("first instance took part").isPositive();
                assertThat(count(remaining, "notifications.delivered")).as("second instance took part").isPositive();
            }
            // When: the first instance left, and the saga replays everything plus new work
            harness.send(topics, notifications("scale", 0, 50));
            // Then: the remaining instance took over the partitions with their dedupe state
            await().atMost(WAIT).until(() -> count(remaining, "notifications.delivered") == 50 - deliveredByLeaving);
            await().atMost(WAIT).until(() -> count(remaining, "notifications.duplicates") == 40);
            assertThat(count(remaining, "notifications.delivered")).isEqualTo(50 - deliveredByLeaving);
        }
    }

    /** Whether the readiness detail shows this state, e.g. how many of the 12 input partitions the instance has. */
    private static boolean holds(final NotificationService service, final String detail) {
        return service.readiness().probe().get().detail().startsWith(detail);
    }

    @Test
    void shouldRefuseToStartWhenTheDispatcherTopicsAreNotCoPartitioned() {
        // Given: the dedupe topic exists with fewer partitions than notifications
        final NotificationTopicNames topics = harness.newTopics(3);
        kafka.createTopics(1, topics.delivered());
        // When / Then
        assertThatThrownBy(() -> harness.start(logConfig(topics), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topics.delivered()).hasMessageContaining("co-partitioned");
    }

    @Test
    void shouldRefuseToStartWithoutTheNotificationsTopic() {
        // Given
        final NotificationTopicNames topics = NotificationTopicNames.prefixed(harness.uniqueName("missing") + "-");
        // When / Then
        assertThatThrownBy(() -> harness.start(logConfig(topics), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(topics.notifications());
    }

    @Test
    void shouldHoldRecordsWhileTheRegistryIsDownAndDeliverThemWhenItIsBack() {
        // Given: a record written while the registry was up, and a registry that is down when the service starts
        final NotificationTopicNames topics = harness.newTopics(1);
        final int port = freePort();
        final InMemorySchemaRegistry schemas = new InMemorySchemaRegistry();
        final Map<String, Object> serde = Map.of("schema.registry.url", "http://127.0.0.1:" + port,
                "max.retries", 0, "http.connect.timeout.ms", 300);
        SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryServerConfig.onPort(port), schemas);
        try (Topics producing = Topics.create(serde);
             KafkaProducer<String, NotificationRequested> producer = new KafkaProducer<>(kafka.producerConfig(),
                     new StringSerializer(), producing.notifications().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.notifications(), "regdown-o1",
                    SampleNotifications.confirmed("regdown-e1", "regdown-o1", "c-1"))).get();
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        registry.close();
        final MeterRegistry meters = new SimpleMeterRegistry();
        final KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), "http://127.0.0.1:" + port, Map.of(),
                Map.of("max.retries", "0", "http.connect.timeout.ms", "300"));
        try (Topics consuming = Topics.create(settings.serdeConfig());
             NotificationService service = NotificationService.start(
                     logConfig(topics).withRegistryBackoff(Duration.ofMillis(300)), settings, consuming, meters)) {
            // When
            await().atMost(WAIT).until(() -> count(meters, "notifications.held", "reason", "REGISTRY_UNAVAILABLE") >= 2);
            // Then: the record is not poison, so it is neither dead-lettered nor skipped
            assertThat(count(meters, "notifications.dead.lettered")).isZero();
            assertThat(count(meters, "notifications.delivered")).isZero();
            // When
            registry = SchemaRegistryServer.start(SchemaRegistryServerConfig.onPort(port), schemas);
            // Then
            await().atMost(WAIT).until(() -> count(meters, "notifications.delivered") == 1);
            assertThat(count(meters, "notifications.dead.lettered")).isZero();
        } finally {
            registry.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
