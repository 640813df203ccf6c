package dev.orderpipeline.bench.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.consumers.internal.channel.WebhookPayload;
import dev.orderpipeline.consumers.internal.channel.WebhookSignature;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The webhook delivery contract alone: what any dispatcher of {@code NotificationRequested} to a webhook must do
 * for every record, and nothing else. It reads the topic in a group of its own, decodes each record (Confluent Avro,
 * schema from the registry), renders the webhook JSON with the dispatcher's own {@link WebhookPayload}, and POSTs
 * it in signed batches with the same JDK HTTP client the dispatcher uses, all batches of a poll at once; no dedupe,
 * no settlement records, no commits, no retries.
 * Its rate is therefore a ceiling for any dispatcher on this machine, next to the bare consumer's.
 *
 * <p>Settings: {@code CONTRACT_TOPIC}, {@code CONTRACT_EXPECTED}, {@code CONTRACT_GROUP_ID}, {@code CONTRACT_URL},
 * {@code CONTRACT_BATCH} (default 500), {@code CONTRACT_MAX_POLL_RECORDS} (default 2000), {@link KafkaSettings#from}.
 * Stops after {@code CONTRACT_EXPECTED} records or five minutes.
 */
final class WebhookContractConsumer {

    private static final String SECRET = "bench-webhook-secret";

    private WebhookContractConsumer() {
    }

    static int run(final Env env, final PrintStream out) throws InterruptedException {
        final KafkaSettings kafka = KafkaSettings.from(env);
        final Topics topics = Topics.create(kafka.serdeConfig());
        final Deserializer<NotificationRequested> values = topics.notifications().valueSerde().deserializer();
        final String topic = env.required("CONTRACT_TOPIC");
        final long expected = env.longValue("CONTRACT_EXPECTED", 1);
        final int batchSize = env.integer("CONTRACT_BATCH", 500);
        final URI url = URI.create(env.required("CONTRACT_URL"));
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, env.required("CONTRACT_GROUP_ID"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, env.integer("CONTRACT_MAX_POLL_RECORDS", 2000));
        final ObjectMapper json = new ObjectMapper();
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        final long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long records = 0;
        long failed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (records < expected && System.nanoTime() < deadline) {
                final ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
                final List<CompletableFuture<HttpResponse<Void>>> posts = new ArrayList<>();
                List<WebhookPayload> batch = new ArrayList<>(batchSize);
                for (final ConsumerRecord<byte[], byte[]> record : polled) {
                    batch.add(WebhookPayload.of(values.deserialize(topic, record.headers(), record.value())));
                    if (batch.size() == batchSize) {
                        posts.add(post(http, json, url, batch));
                        batch = new ArrayList<>(batchSize);
                    }
                }
                if (!batch.isEmpty()) {
                    posts.add(post(http, json, url, batch));
                }
                for (final CompletableFuture<HttpResponse<Void>> post : posts) {
                    if (post.exceptionally(e -> null).join() == null) {
                        failed++;
                    }
                }
                records += polled.count();
            }
        }
        out.printf("WEBHOOK-CONTRACT records=%d failedPosts=%d%n", records, failed);
        out.flush();
        return records >= expected && failed == 0 ? 0 : 1;
    }

    private static CompletableFuture<HttpResponse<Void>> post(final HttpClient http, final ObjectMapper json,
                                                              final URI url, final List<WebhookPayload> batch) {
        final byte[] body;
        try {
            body = json.writeValueAsBytes(new WebhookPayload.Batch(batch));
        } catch (final JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        final HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }
}
