package dev.orderpipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise, end to end on the one-JVM stack: a real in-process KRaft broker, the registry server, the
 * saga, the projections and the ingest API. Orders placed over HTTP and produced directly with the Avro serde both
 * show up in the monthly-sales view, and survive a restart of the whole stack on the same data directory.
 */
class LocalStackIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** The local stack's documented development key (role admin). */
    private static final String DEV_KEY = "dev-admin-key";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private LocalStackConfig config() throws IOException {
        return new LocalStackConfig(freePort(), freePort(), freePort(), freePort(), dataDir, 3, true);
    }

    private static LocalStack startAndAwaitReady(final LocalStackConfig config) {
        final LocalStack stack = LocalStack.start(config, new Env(Map.of()));
        await().atMost(SETTLE).until(stack::ready);
        return stack;
    }

    private HttpResponse<String> get(final LocalStack stack, final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.httpUrl() + path)).header("X-API-Key", DEV_KEY)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode monthlySales(final LocalStack stack, final String month) throws Exception {
        final HttpResponse<String> response = get(stack, "/sales/monthly/" + month);
        assertThat(response.statusCode()).as("GET /sales/monthly/%s: %s", month, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static void produceDirectly(final LocalStack stack, final OrderPlaced order) throws Exception {
        final Map<String, Object> props = Map.of(
                "bootstrap.servers", stack.bootstrapServers(),
                "key.serializer", StringSerializer.class,
                "value.serializer", ConfluentAvroSerializer.class,
                "schema.registry.url", stack.registryUrl(),
                "acks", "all",
                "enable.idempotence", true);
        try (Producer<String, OrderPlaced> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.ORDERS, order.getOrderId(), order)).get();
        }
    }

    private static OrderPlaced directOrder(final String createdAt) {
        return OrderPlaced.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .setCustomerId("c-7")
                .setCurrency("USD")
                .setItems(List.of(new LineItem("SKU-3", 3, 700L), new LineItem("SKU-4", 1, 50L)))
                .setCreatedAt(Instant.parse(createdAt))
                .setSource(OrderSource.DIRECT)
                .build();
    }

    @Test
    void shouldCountOrdersFromHttpAndDirectProduceAndKeepThemAcrossARestart() throws Exception {
        final LocalStackConfig config = config();
        final String thisMonth = YearMonth.now(ZoneOffset.UTC).toString();
        try (LocalStack stack = startAndAwaitReady(config)) {
            // Given the demo catalogue, When an order is placed over HTTP
            final HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(stack.httpUrl() + "/orders"))
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", DEV_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"customerId":"c-1","currency":"EUR","items":[{"sku":"SKU-1","quantity":2,"unitPriceMinor":1250}]}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());

            // Then it is accepted and counted in this month's sales
            assertThat(placed.statusCode()).as("POST /orders: %s", placed.body()).isEqualTo(202);
            final String orderId = json.readTree(placed.body()).path("orderId").asText();
            assertThat(placed.headers().firstValue("Location")).as("Location").contains("/orders/" + orderId);
            await().atMost(SETTLE).untilAsserted(() -> {
                final JsonNode sales = monthlySales(stack, thisMonth);
                assertThat(sales.path("orders").asLong()).as("orders this month").isEqualTo(1);
                assertThat(sales.path("units").asLong()).as("units this month").isEqualTo(2);
                assertThat(sales.path("revenueMinor").path("EUR").asLong()).as("EUR revenue").isEqualTo(2500);
            });

            // When an order for March is produced straight to the topic with the Avro serde
            produceDirectly(stack, directOrder("2026-03-15T12:00:00Z"));

            // Then it shows up in March's sales
            await().atMost(SETTLE).untilAsserted(() -> {
                final JsonNode march = monthlySales(stack, "2026-03");
                assertThat(march.path("orders").asLong()).as("orders in March").isEqualTo(1);
                assertThat(march.path("units").asLong()).as("units in March").isEqualTo(4);
                assertThat(march.path("revenueMinor").path("USD").asLong()).as("USD revenue in March").isEqualTo(2150);
            });
        }

        // When the whole stack restarts on the same data directory
        try (LocalStack restarted = startAndAwaitReady(config)) {
            // Then the views are still there, and old and new records still decode with the journaled schema ids
            assertThat(monthlySales(restarted, "2026-03").path("orders").asLong()).as("March after restart").isEqualTo(1);
            produceDirectly(restarted, directOrder("2026-03-20T08:00:00Z"));
            await().atMost(SETTLE).untilAsserted(() ->
                    assertThat(monthlySales(restarted, "2026-03").path("orders").asLong()).as("March after a new order").isEqualTo(2));
        }
    }

    @Test
    void shouldAnswerBadMonthsAndMissingKeysWithProblems() throws Exception {
        try (LocalStack stack = startAndAwaitReady(config())) {
            final HttpResponse<String> badMonth = get(stack, "/sales/monthly/2026-13");
            assertThat(badMonth.statusCode()).as("status for month 13").isEqualTo(400);
            assertThat(badMonth.headers().firstValue("Content-Type")).as("content type").contains("application/problem+json");

            final HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                    URI.create(stack.httpUrl() + "/sales/monthly/2026-11")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("status without a key").isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as("WWW-Authenticate").isPresent();

            final HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create(stack.httpUrl() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("readiness is open and up").isEqualTo(200);
        }
    }
}
