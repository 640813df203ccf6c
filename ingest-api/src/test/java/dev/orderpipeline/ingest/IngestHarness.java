package dev.orderpipeline.ingest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
import dev.orderpipeline.platform.security.ApiKeyCredential;
import dev.orderpipeline.platform.security.SecurityConfig;
import dev.orderpipeline.platform.security.TlsConfig;
import dev.orderpipeline.schemas.Topic;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.testsupport.KafkaCluster;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One ingest service as production assembles it ({@link IngestApp}: security, routes, health, metrics) on a random
 * port, against the real broker, plus the HTTP and Kafka helpers the integration tests share.
 */
final class IngestHarness implements AutoCloseable {

    static final String VALID_ORDER = """
            {"customerId":"c-1","currency":"EUR","items":[{"sku":"SKU-1","quantity":2,"unitPriceMinor":1250}]}""";
    static final String DEV_KEY = SecurityConfig.DEFAULT_DEV_API_KEY;
    /** API keys by holder: a shop front-end bound to c-1, a back-office importer, a sales analyst. */
    static final Map<String, String> KEYS = Map.of(
            "writer-c-1", "k-writer-c-1-5b2e", "importer", "k-importer-91fd", "analyst", "k-analyst-0c3a");

    private final ObjectMapper json = JsonMappers.create();
    private final HttpClient http;
    private final Topics topics;
    private final Metrics metrics;
    private final IngestService service;
    private final Javalin app;
    private final String scheme;

    IngestHarness(final KafkaSettings kafka, final IngestConfig config, final SecurityConfig security,
                  final Optional<TlsConfig> tls, final HttpClient http) {
        this.http = http;
        this.topics = Topics.create(kafka.serdeConfig());
        this.metrics = new Metrics("ingest-test");
        this.service = new IngestService(config, kafka, topics, json, Clock.systemUTC(), metrics.registry());
        this.app = IngestApp.create(service, security, tls, metrics, json).start(0);
        this.scheme = tls.isPresent() ? "https" : "http";
    }

    IngestHarness(final KafkaSettings kafka, final IngestConfig config) {
        this(kafka, config, security(Map.of()), Optional.empty(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    }

    /** The test configuration: short send timeout, a ledger topic of the test's own. */
    static IngestConfig config(final KafkaCluster kafka) {
        return IngestConfig.defaults().withSendTimeout(Duration.ofSeconds(2))
                .withIdempotency(kafka.uniqueName("ingest-idempotency"), Duration.ofHours(24));
    }

    /** HS256 secret and audience of the test tokens. */
    static final String JWT_SECRET = "ingest-test-secret-of-at-least-32-bytes";
    static final String JWT_AUDIENCE = "order-pipeline-api";

    /** The local profile (development key, role admin) plus the {@link #KEYS} and HS256 bearer tokens. */
    static SecurityConfig security(final Map<String, String> extra) {
        final Map<String, String> env = new HashMap<>(Map.of("SECURITY_PROFILE", "local", "SECURITY_API_KEYS",
                String.join(";", entry("writer-c-1", "orders:write", "c-1"), entry("importer", "orders:write", ""),
                        entry("analyst", "sales:read", "")),
                "SECURITY_JWT_HS256_SECRET", JWT_SECRET, "SECURITY_JWT_AUDIENCE", JWT_AUDIENCE));
        env.putAll(extra);
        return SecurityConfig.from(new Env(env));
    }

    private static String entry(final String holder, final String roles, final String customer) {
        return holder + "|sha256:" + ApiKeyCredential.hash(KEYS.get(holder)) + "|" + roles + "|" + customer;
    }

    /** Creates every topic ingest writes to (idempotent, shared broker). */
    static void createTopics(final KafkaCluster kafka) {
        kafka.createTopics(3, Topics.ORDERS, Topics.ORDER_CANCELLATIONS, Topics.INVENTORY, Topics.ACCOUNTS);
    }

    IngestHarness awaitReady() {
        await().atMost(Duration.ofSeconds(30)).until(() -> service.readiness().probe().get().up());
        return this;
    }

    IngestService service() {
        return service;
    }

    Javalin app() {
        return app;
    }

    Topics topics() {
        return topics;
    }

    Metrics metrics() {
        return metrics;
    }

    ObjectMapper json() {
        return json;
    }

    URI uri(final String path) {
        return URI.create(scheme + "://localhost:" + app.port() + path);
    }

    /** Headers with the development admin key, plus name/value pairs. */
    static Map<String, String> admin(final String... extra) {
        return withKey(DEV_KEY, extra);
    }

    /** Headers with the API key of one of the {@link #KEYS} holders, plus name/value pairs. */
    static Map<String, String> keyOf(final String holder, final String... extra) {
        return withKey(KEYS.get(holder), extra);
    }

    private static Map<String, String> withKey(final String key, final String... extra) {
        final Map<String, String> headers = new HashMap<>(Map.of("X-API-Key", key));
        for (int i = 0; i < extra.length; i += 2) {
            headers.put(extra[i], extra[i + 1]);
        }
        return headers;
    }

    /** A request with exactly these headers. */
    HttpResponse<String> send(final String method, final String path, final String contentType, final String body,
                              final Map<String, String> headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postOrder(final String body, final Map<String, String> headers) throws Exception {
        return send("POST", "/orders", "application/json", body, headers);
    }

    /** As admin. */
    HttpResponse<String> postOrder(final String body) throws Exception {
        return postOrder(body, admin());
    }

    JsonNode body(final HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    /**
     * Every record of the topic up to its current end, values as bytes: the broker is shared by all test classes
     * and each has its own registry, so only the caller knows which values it can decode.
     */
    static List<ConsumerRecord<String, byte[]>> readRaw(final KafkaCluster kafka, final String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return records;
        }
    }

    /** The keys of every record of the topic. */
    static Set<String> keys(final KafkaCluster kafka, final String topic) {
        return readRaw(kafka, topic).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    /** The values stored under one key, decoded with the topic's serde. */
    static <V> List<V> valuesFor(final KafkaCluster kafka, final Topic<String, V> topic, final String key) {
        return readRaw(kafka, topic.name()).stream().filter(r -> key.equals(r.key()))
                .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
                .collect(Collectors.toList());
    }

    /** Drains, flushes and stops; then the HTTP server. */
    @Override
    public void close() {
        service.close();
        app.stop();
        topics.close();
        metrics.close();
    }
}
