package dev.orderpipeline.ingest;

import static dev.orderpipeline.ingest.IngestHarness.VALID_ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Stopping while orders arrive: running requests finish and are flushed, new ones are refused cleanly. */
@RealKafka
class GracefulShutdownIT {

    @Test
    void shouldFinishInFlightRequestsRefuseNewOnesAndLoseNoAcknowledgedOrder(final KafkaCluster kafka) throws Exception {
        // Given
        IngestHarness.createTopics(kafka);
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(0)) {
            final IngestHarness ingest = new IngestHarness(KafkaSettings.of(kafka.bootstrapServers(), registry.url()),
                    IngestHarness.config(kafka)).awaitReady();
            final List<HttpResponse<String>> responses = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                final CountDownLatch firstAnswered = new CountDownLatch(1);
                final List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    sent.add(clients.submit(() -> {
                        final HttpResponse<String> response = ingest.postOrder(VALID_ORDER);
                        firstAnswered.countDown();
                        return response;
                    }));
                }
                // When: the service is told to stop while orders are being placed
                firstAnswered.await();
                ingest.service().close();
                for (final Future<HttpResponse<String>> answer : sent) {
                    responses.add(answer.get());
                }
            } finally {
                ingest.close();
            }
            // Then: every request got a clean answer, 202 or 503 "shutting down" with Retry-After
            assertThat(responses).allSatisfy(response -> {
                assertThat(response.statusCode()).as("body %s", response.body()).isIn(202, 503);
                if (response.statusCode() == 503) {
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                    assertThat(response.body()).contains("shutting down");
                }
            });
            final Set<String> accepted = responses.stream().filter(r -> r.statusCode() == 202)
                    .map(r -> ingest.body(r).path("orderId").asText()).collect(Collectors.toSet());
            assertThat(accepted).as("orders accepted before the stop").isNotEmpty();
            // And: the producer was flushed, so every acknowledged order is on the topic
            assertThat(IngestHarness.keys(kafka, Topics.ORDERS)).as("orders on the topic").containsAll(accepted);
            assertThat(ingest.service().readiness().probe().get().up()).as("ready after stop").isFalse();
        }
    }
}
