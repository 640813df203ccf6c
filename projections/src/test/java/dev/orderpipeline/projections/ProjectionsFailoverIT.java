package dev.orderpipeline.projections;

import static dev.orderpipeline.projections.testing.TestOrder.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderpipeline.projections.testing.Http;
import dev.orderpipeline.projections.testing.ProjectionsInstance;
import dev.orderpipeline.projections.testing.TestOrder;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What clients see while an instance goes away, on the real in-process broker with two instances and one standby
 * replica each. The steps build on each other (an instance can only be lost once), hence the fixed order:
 * owner unreachable with standby reads off (503 + Retry-After), owner unreachable with standby reads on (answer
 * flagged with its lag), owner gone for good (the survivor takes over and answers everything as active).
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionsFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionsFailoverIT.class);
    private static final int YEAR = 2032;

    private final Http http = new Http();
    private final List<TestOrder> orders = new ArrayList<>();
    private String registryScope;
    private Topics topics;
    private KafkaProducer<String, OrderStatusChanged> producer;
    /** Serves from standby copies when an owner is unreachable. */
    private ProjectionsInstance survivor;
    /** Never serves from standby copies; the instance that goes away in the end. */
    private ProjectionsInstance leaver;

    @BeforeAll
    void startTwoInstances(final KafkaCluster kafka) {
        kafka.createTopics(4, Topics.ORDER_STATUS);
        kafka.createTopics(1, Topics.ORDER_STATUS_DLQ);
        final String tag = kafka.uniqueName("failover");
        // The registry is not under test: an in-memory scope shared by both instances and the producer in this JVM.
        registryScope = tag;
        final String registryUrl = "mock://" + registryScope;
        topics = Topics.forRegistry(registryUrl);
        producer = new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(),
                topics.orderStatus().valueSerde().serializer());
        final String applicationId = kafka.uniqueName("projections");
        survivor = ProjectionsInstance.start(kafka, applicationId, registryUrl, Map.of());
        leaver = ProjectionsInstance.start(kafka, applicationId, registryUrl,
                Map.of("PROJECTIONS_SERVE_FROM_STANDBY", "false"));
        for (int i = 0; i < 24; i++) {
            final TestOrder order = order(tag + "-" + i).customer(tag + "-c")
                    .createdAt("%d-%02d-10T10:00:00Z".formatted(YEAR, i % 12 + 1)).line("SKU-" + i % 5, 1, 1000);
            orders.add(order);
            for (final OrderStatusChanged change : order.confirmedHistory()) {
                producer.send(new ProducerRecord<>(Topics.ORDER_STATUS, change.getOrderId(), change));
            }
        }
        producer.flush();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (final ProjectionsInstance instance : List.of(survivor, leaver)) {
                assertThat(http.get(instance.url("/health/ready")).statusCode()).as("ready").isEqualTo(200);
                assertThat(http.json(http.get(instance.url(range()))).path("total").path("orders").asLong())
                        .as("orders seen").isEqualTo(orders.size());
                assertThat(standbyTasks(instance)).as("standby tasks of %s", instance.hostInfo())
                        .containsExactlyInAnyOrderElementsOf(activeTasks(instance == survivor ? leaver : survivor));
            }
        });
    }

    @AfterAll
    void stop() {
        leaver.close();
        survivor.close();
        producer.close();
        topics.close();
        http.close();
        SchemaRegistryClients.dropScope(registryScope);
    }

    private static String range() {
        return "/sales/monthly?from=%d-01&to=%d-12".formatted(YEAR, YEAR);
    }

    private static List<TaskId> activeTasks(final ProjectionsInstance instance) {
        return instance.service().streams().metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream()).map(TaskMetadata::taskId).toList();
    }

    private static List<TaskId> standbyTasks(final ProjectionsInstance instance) {
        return instance.service().streams().metadataForLocalThreads().stream()
                .map(ThreadMetadata::standbyTasks).flatMap(Set::stream).map(TaskMetadata::taskId).toList();
    }

    private TestOrder orderOwnedBy(final ProjectionsInstance instance) {
        return orders.stream().filter(order -> instance.hostInfo().equals(survivor.service().streams()
                        .queryMetadataForKey(ProjectionsTopology.ORDER_STATUS_STORE, order.id(), new StringSerializer())
                        .activeHost()))
                .findFirst().orElseThrow();
    }

    /**
     * Asks until an answer satisfies {@code done}, then checks that every answer on the way was a 200 or a 503
     * with {@code Retry-After} — never a 500, never a hang (each request has a timeout).
     */
    private HttpResponse<String> askUntil(final String url, final Predicate<HttpResponse<String>> done) {
        final List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            final HttpResponse<String> response = http.get(url);
            answers.add(response);
            return done.test(response);
        });
        LOG.info("Answers on the way to {}: {}", url, answers.stream()
                .map(a -> a.statusCode() + a.headers().firstValue("X-Served-By-Standby").map(lag -> "(standby " + lag + ")").orElse(""))
                .toList());
        assertThat(answers).as("answers on the way to %s", url).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as("status: %s", answer.body()).isIn(200, 503);
            if (answer.statusCode() == 503) {
                assertThat(answer.headers().firstValue("Retry-After")).as("Retry-After of a 503").isPresent();
            }
        });
        return answers.getLast();
    }

    @Test
    @Order(1)
    void shouldAnswer503WithRetryAfterWhileTheOwnerIsUnreachableAndStandbyReadsAreOff() {
        // Given
        final TestOrder order = orderOwnedBy(survivor);
        // When: the owner stops answering HTTP but keeps its partitions
        survivor.stopHttp();
        try {
            final HttpResponse<String> response = http.get(leaver.url("/orders/" + order.id()));
            // Then
            assertThat(response.statusCode()).as("status: %s", response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as("Retry-After").hasValue("1");
            assertThat(response.headers().firstValue("Content-Type")).as("content type")
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(http.json(response).path("detail").asText()).as("detail").contains("did not answer");
        } finally {
            survivor.startHttp();
        }
    }

    @Test
    @Order(2)
    void shouldAnswerFromAStandbyFlaggedWithItsLagWhileTheOwnerIsUnreachable() {
        // Given
        final TestOrder order = orderOwnedBy(leaver);
        // When
        leaver.stopHttp();
        // Then
        final HttpResponse<String> response = askUntil(survivor.url("/orders/" + order.id()),
                r -> r.statusCode() == 200);
        assertThat(response.headers().firstValue("X-Served-By-Standby")).as("standby header")
                .hasValueSatisfying(value -> assertThat(value).matches("lag=\\d+"));
        assertThat(http.json(response).path("status").asText()).as("status from the standby").isEqualTo("CONFIRMED");
        final HttpResponse<String> months = askUntil(survivor.url(range()), r -> r.statusCode() == 200);
        assertThat(http.json(months).path("total").path("orders").asLong()).as("orders in the range from standbys")
                .isEqualTo(orders.size());
    }

    @Test
    @Order(3)
    void shouldTakeOverAndAnswerEverythingAsActiveOnceAnInstanceLeaves() throws Exception {
        // Given: the leaver is unreachable already
        final TestOrder order = orderOwnedBy(leaver);
        // When: it stops for good and leaves the group, while clients keep asking the survivor
        final CompletableFuture<Void> leaving = CompletableFuture.runAsync(leaver::close);
        // Then
        final HttpResponse<String> taken = askUntil(survivor.url("/orders/" + order.id()),
                r -> r.statusCode() == 200 && r.headers().firstValue("X-Served-By-Standby").isEmpty());
        assertThat(http.json(taken).path("status").asText()).as("status of %s", order.id()).isEqualTo("CONFIRMED");
        leaving.get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(http.get(survivor.url("/health/ready")).statusCode()).as("survivor ready").isEqualTo(200));
        for (final TestOrder each : orders) {
            final HttpResponse<String> response = askUntil(survivor.url("/orders/" + each.id()),
                    r -> r.statusCode() == 200 && r.headers().firstValue("X-Served-By-Standby").isEmpty());
            assertThat(http.json(response).path("status").asText()).as("status of %s", each.id()).isEqualTo("CONFIRMED");
        }
        final HttpResponse<String> months = askUntil(survivor.url(range()), r -> r.statusCode() == 200);
        assertThat(http.json(months).path("total").path("orders").asLong()).as("orders in the range").isEqualTo(orders.size());
    }
}
