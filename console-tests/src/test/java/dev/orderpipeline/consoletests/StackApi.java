package dev.orderpipeline.consoletests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.localstack.LocalStack;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerializer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pipeline's own API, used by the tests to set the scene (orders placed behind the browser's back) and to
 * know what the console should show. Same HTTP API, same development key.
 */
final class StackApi {

    /** The local stack's documented development key (role admin). */
    static final String DEV_KEY = "dev-admin-key";

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    StackApi(final LocalStack stack) {
        this.stack = stack;
    }

    /** Places an order over {@code POST /orders} and returns its id. */
    String placeOrder(final String customerId, final String currency, final List<Map<String, Object>> items)
            throws IOException, InterruptedException {
        final String body = json.writeValueAsString(Map.of("customerId", customerId, "currency", currency, "items", items));
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.httpUrl() + "/orders"))
                .header("Content-Type", "application/json").header("X-API-Key", DEV_KEY)
                .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /orders %s: %s", body, response.body()).isEqualTo(202);
        return json.readTree(response.body()).path("orderId").asText();
    }

    static Map<String, Object> item(final String sku, final int quantity, final long unitPriceMinor) {
        return Map.of("sku", sku, "quantity", quantity, "unitPriceMinor", unitPriceMinor);
    }

    /** {@code GET path} with the development key; the body as JSON, or null unless 200. */
    JsonNode get(final String path) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.httpUrl() + path))
                .header("X-API-Key", DEV_KEY).timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    /** The order's status once terminal (long-poll), or its current status when the wait runs out. */
    String awaitTerminalStatus(final String orderId) throws IOException, InterruptedException {
        final JsonNode order = get("/orders/" + orderId + "?waitFor=terminal&timeout=30s");
        return order == null ? "UNKNOWN" : order.path("status").asText();
    }

    /** Produces an order straight to the {@code orders} topic (Avro), created at a chosen time. */
    void produceDirectly(final String customerId, final String currency, final Instant createdAt,
                         final List<LineItem> items) throws InterruptedException, ExecutionException {
        final OrderPlaced order = OrderPlaced.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .setCustomerId(customerId)
                .setCurrency(currency)
                .setItems(items)
                .setCreatedAt(createdAt)
                .setSource(OrderSource.DIRECT)
                .build();
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
}
