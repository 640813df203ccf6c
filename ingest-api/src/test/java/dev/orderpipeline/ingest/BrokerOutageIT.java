package dev.orderpipeline.ingest;

import static dev.orderpipeline.ingest.IngestHarness.VALID_ORDER;
import static dev.orderpipeline.ingest.IngestHarness.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Isolated;

/** The broker goes away and comes back: bounded 503s, no lost acknowledged order, recovery without a restart. */
@RealKafka
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerOutageIT {

    /** Test send timeout is 2s; the answer must come well before the 5s default bound. */
    private static final Duration BOUND = Duration.ofSeconds(3);

    private KafkaCluster kafka;
    private SchemaRegistryServer registry;
    private IngestHarness ingest;

    @BeforeAll
    void start(final KafkaCluster cluster) {
        kafka = cluster;
        IngestHarness.createTopics(kafka);
        registry = SchemaRegistryServer.start(0);
        ingest = new IngestHarness(KafkaSettings.of(kafka.bootstrapServers(), registry.url()), IngestHarness.config(kafka))
                .awaitReady();
    }

    @AfterAll
    void stop() {
        ingest.close();
        registry.close();
    }

    private Map<String, Callable<HttpResponse<String>>> everyRequestKind(final String key) {
        final Map<String, Callable<HttpResponse<String>>> requests = new LinkedHashMap<>();
        requests.put("order", () -> ingest.postOrder(VALID_ORDER));
        requests.put("keyed order", () -> ingest.postOrder(VALID_ORDER, admin("Idempotency-Key", key)));
        requests.put("cancellation", () -> ingest.send("DELETE", "/orders/o-outage", null, null, admin()));
        requests.put("stock", () -> ingest.send("PUT", "/admin/inventory/SKU-1", "application/json", "{\"set\":5}", admin()));
        requests.put("funds", () -> ingest.send("PUT", "/admin/accounts/c-1", "application/json",
                "{\"currency\":\"EUR\",\"set\":5}", admin()));
        return requests;
    }

    @Test
    void shouldAnswer503WithRetryAfterInBoundedTimeWhileTheBrokerIsDownThenRecover() throws Exception {
        // Given: orders acknowledged before the outage
        final List<String> acknowledged = new ArrayList<>();
        final HttpResponse<String> before = ingest.postOrder(VALID_ORDER);
        assertThat(before.statusCode()).isEqualTo(202);
        acknowledged.add(ingest.body(before).path("orderId").asText());
        final String key = UUID.randomUUID().toString();
        kafka.stopBroker();
        try {
            // When: every kind of request arrives during the outage
            for (final Map.Entry<String, Callable<HttpResponse<String>>> request : everyRequestKind(key).entrySet()) {
                final long started = System.nanoTime();
                final HttpResponse<String> response = request.getValue().call();
                final Duration took = Duration.ofNanos(System.nanoTime() - started);
                // Then
                assertThat(response.statusCode()).as("%s during the outage, body %s", request.getKey(), response.body())
                        .isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).as("Retry-After of %s", request.getKey()).contains("2");
                assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(took).as("time to answer %s", request.getKey()).isLessThan(BOUND);
            }
        } finally {
            kafka.startBroker();
        }
        // And: the service recovers by itself, the keyed order included
        for (final Map.Entry<String, Callable<HttpResponse<String>>> request : everyRequestKind(key).entrySet()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                final HttpResponse<String> response = request.getValue().call();
                assertThat(response.statusCode()).as("%s after the outage, body %s", request.getKey(), response.body())
                        .isEqualTo(202);
                if (request.getKey().contains("order")) {
                    acknowledged.add(ingest.body(response).path("orderId").asText());
                }
            });
        }
        // And: every acknowledged order is on the topic
        assertThat(IngestHarness.keys(kafka, ingest.topics().orders().name())).as("orders on the topic")
                .containsAll(acknowledged);
    }
}
