package dev.orderpipeline.ingest;

import static dev.orderpipeline.ingest.IngestHarness.VALID_ORDER;
import static dev.orderpipeline.ingest.IngestHarness.admin;
import static dev.orderpipeline.ingest.IngestHarness.keyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code Idempotency-Key} over real HTTP: retries, concurrent duplicates on one and on two instances, a restart,
 * and expiry. "Produced once" is checked on the orders topic itself.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyIT {

    private static final String OTHER_ORDER = VALID_ORDER.replace("\"quantity\":2", "\"quantity\":3");

    private KafkaCluster kafka;
    private SchemaRegistryServer registry;
    private KafkaSettings settings;
    private IngestConfig config;
    private IngestHarness first;
    private IngestHarness second;

    @BeforeAll
    void start(final KafkaCluster cluster) {
        kafka = cluster;
        IngestHarness.createTopics(kafka);
        registry = SchemaRegistryServer.start(0);
        settings = KafkaSettings.of(kafka.bootstrapServers(), registry.url());
        config = IngestHarness.config(kafka);
        first = new IngestHarness(settings, config).awaitReady();
        second = new IngestHarness(settings, config).awaitReady();
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
        registry.close();
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private String orderId(final HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as("status, body %s", response.body()).isEqualTo(202);
        return first.body(response).path("orderId").asText();
    }

    private List<OrderPlaced> stored(final String orderId) {
        return IngestHarness.valuesFor(kafka, first.topics().orders(), orderId);
    }

    /** Sends all requests at once, from virtual threads, and returns the answers. */
    private static List<HttpResponse<String>> concurrently(final List<Callable<HttpResponse<String>>> requests) throws Exception {
        final CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            final List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (final Callable<HttpResponse<String>> request : requests) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            final List<HttpResponse<String>> responses = new ArrayList<>();
            for (final Future<HttpResponse<String>> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        }
    }

    @Test
    void shouldReplayTheFirstAnswerToARetryWithoutProducingAgain() throws Exception {
        // Given
        final String key = newKey();
        final String orderId = orderId(first.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
        // When: the client retries, as after a timeout, with the JSON spelled differently
        final HttpResponse<String> retry = first.postOrder(VALID_ORDER.replace(",", " , "), admin("Idempotency-Key", key));
        // Then
        assertThat(orderId(retry)).as("order id of the retry").isEqualTo(orderId);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.headers().firstValue("Location")).contains("/orders/" + orderId);
        assertThat(stored(orderId)).as("records of the order").hasSize(1);
    }

    @Test
    void shouldAnswer422WhenAKeyIsReusedWithADifferentBody() throws Exception {
        // Given
        final String key = newKey();
        final String orderId = orderId(first.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
        // When
        final HttpResponse<String> reuse = second.postOrder(OTHER_ORDER, admin("Idempotency-Key", key));
        // Then
        assertThat(reuse.statusCode()).isEqualTo(422);
        assertThat(first.body(reuse).path("type").asText()).isEqualTo("/problems/idempotency-key-reused");
        assertThat(stored(orderId)).singleElement().extracting(o -> o.getItems().get(0).getQuantity()).isEqualTo(2);
    }

    @Test
    void shouldScopeKeysToTheCaller() throws Exception {
        final String key = newKey();
        final String byAdmin = orderId(first.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
        final String byImporter = orderId(first.postOrder(OTHER_ORDER, keyOf("importer", "Idempotency-Key", key)));
        assertThat(byImporter).as("same key, another caller: another order").isNotEqualTo(byAdmin);
    }

    @Test
    void shouldProduceOnceForConcurrentDuplicatesOnOneInstance() throws Exception {
        // Given
        final String key = newKey();
        final List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            requests.add(() -> first.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
        }
        // When
        final List<HttpResponse<String>> responses = concurrently(requests);
        // Then
        final Set<String> ids = responses.stream().map(r -> first.body(r).path("orderId").asText()).collect(Collectors.toSet());
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202);
        assertThat(ids).as("order ids answered").hasSize(1);
        assertThat(stored(ids.iterator().next())).as("records of the order").hasSize(1);
    }

    @Test
    void shouldProduceOnceForConcurrentDuplicatesOnTwoInstances() throws Exception {
        // Given: the same retry storm hits both instances behind a load balancer
        final String key = newKey();
        final List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(() -> first.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
            requests.add(() -> second.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
        }
        // When
        final List<HttpResponse<String>> responses = concurrently(requests);
        // Then
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202);
        final Set<String> ids = responses.stream().map(r -> first.body(r).path("orderId").asText()).collect(Collectors.toSet());
        assertThat(ids).as("order ids answered by both instances").hasSize(1);
        assertThat(stored(ids.iterator().next())).as("records of the order").hasSize(1);
    }

    @Test
    void shouldLetExactlyOneBodyWinWhenDifferentBodiesRaceForAKey() throws Exception {
        // Given: a buggy client sends two different orders under one key, to two instances at once
        final String key = newKey();
        final List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(() -> first.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
            requests.add(() -> second.postOrder(OTHER_ORDER, admin("Idempotency-Key", key)));
        }
        // When
        final List<HttpResponse<String>> responses = concurrently(requests);
        // Then: one body got 202s, the other 422s, and only the winner's order exists
        final List<Integer> forFirstBody = new ArrayList<>();
        final List<Integer> forSecondBody = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            (i % 2 == 0 ? forFirstBody : forSecondBody).add(responses.get(i).statusCode());
        }
        assertThat(List.of(Set.copyOf(forFirstBody), Set.copyOf(forSecondBody)))
                .as("statuses per body").containsExactlyInAnyOrder(Set.of(202), Set.of(422));
        final String orderId = responses.stream().filter(r -> r.statusCode() == 202).findFirst()
                .map(r -> first.body(r).path("orderId").asText()).orElseThrow();
        final int winningQuantity = forFirstBody.contains(202) ? 2 : 3;
        assertThat(stored(orderId)).singleElement().extracting(o -> o.getItems().get(0).getQuantity()).isEqualTo(winningQuantity);
    }

    @Test
    void shouldRememberKeysAcrossARestart() throws Exception {
        // Given: an order placed through an instance that then stops
        final String key = newKey();
        final IngestHarness before = new IngestHarness(settings, config).awaitReady();
        final String orderId;
        try {
            orderId = orderId(before.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
        } finally {
            before.close();
        }
        // When: a new instance starts and the client retries
        try (IngestHarness after = new IngestHarness(settings, config).awaitReady()) {
            final HttpResponse<String> retry = after.postOrder(VALID_ORDER, admin("Idempotency-Key", key));
            final HttpResponse<String> reuse = after.postOrder(OTHER_ORDER, admin("Idempotency-Key", key));
            // Then
            assertThat(orderId(retry)).isEqualTo(orderId);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(reuse.statusCode()).isEqualTo(422);
        }
        assertThat(stored(orderId)).hasSize(1);
    }

    @Test
    void shouldForgetAKeyAfterItsWindow() throws Exception {
        // Given: an instance with a short window, and an order under a key
        final IngestConfig shortWindow = config.withIdempotency(kafka.uniqueName("ingest-idempotency-short"), Duration.ofSeconds(2));
        try (IngestHarness ingest = new IngestHarness(settings, shortWindow).awaitReady()) {
            final String key = newKey();
            final String firstId = orderId(ingest.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
            assertThat(orderId(ingest.postOrder(VALID_ORDER, admin("Idempotency-Key", key)))).as("within the window")
                    .isEqualTo(firstId);
            // When / Then: once the window has passed, the key starts a new order
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(orderId(ingest.postOrder(OTHER_ORDER, Map.of("X-API-Key", IngestHarness.DEV_KEY,
                            "Idempotency-Key", key)))).isNotEqualTo(firstId));
        }
    }
}
