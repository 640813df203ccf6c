package dev.orderpipeline.consumers;

import static dev.orderpipeline.consumers.DispatcherHarness.SECRET;
import static dev.orderpipeline.consumers.DispatcherHarness.count;
import static dev.orderpipeline.consumers.DispatcherHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.consumers.WebhookReceiver.Received;
import dev.orderpipeline.consumers.WebhookReceiver.Reply;
import dev.orderpipeline.consumers.internal.channel.WebhookSignature;
import dev.orderpipeline.platform.streams.DeadLetters;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dispatcher with the webhook channel, end to end: real broker, real registry, real HTTP receiver. Every test
 * has its own topics, group and receiver path.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDispatchIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private DispatcherHarness harness;
    private WebhookReceiver receiver;

    @BeforeAll
    void start(final KafkaCluster kafka) {
        harness = new DispatcherHarness(kafka);
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        receiver.close();
        harness.close();
    }

    /** Short delays and timeouts so retries happen within a test; a breaker that stays closed unless asked. */
    private NotificationConfig config(final NotificationTopicNames topics, final String path) {
        return NotificationConfig.forWebhook(receiver.url(path), SECRET)
                .withTopics(topics)
                .withGroupId(harness.uniqueName("dispatch"))
                .withWebhook(new WebhookSettings(Optional.of(receiver.url(path)), SECRET, Duration.ofSeconds(1),
                        Duration.ofMillis(500)))
                .withRetry(new RetryPolicy(4, Duration.ofMillis(200), Duration.ofMillis(600), 2.0, 0.2))
                .withBreaker(new BreakerPolicy(50f, 50, 50, Duration.ofSeconds(1), 1));
    }

    private static List<NotificationRequested> notifications(final String prefix, final int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> SampleNotifications.confirmed(prefix + "-e" + i, prefix + "-o" + i, "c-" + i))
                .toList();
    }

    @Test
    void shouldDeliverEachNotificationOnceSignedAndWithItsEventIdThenCommit() throws Exception {
        // Given
        final NotificationTopicNames topics = harness.newTopics(3);
        final NotificationConfig config = config(topics, "/once");
        final MeterRegistry meters = new SimpleMeterRegistry();
        final List<NotificationRequested> sent = notifications("once", 6);
        try (NotificationService service = harness.start(config, meters)) {
            // When
            harness.send(topics, sent.toArray(NotificationRequested[]::new));
            // Then
            await().atMost(WAIT).until(() -> harness.committedToEnd(config.groupId(), topics.notifications()));
            final List<Received> requests = receiver.received("/once");
            assertThat(requests).as("one request per notification").hasSize(6);
            for (final NotificationRequested n : sent) {
                final Received request = requests.stream()
                        .filter(r -> n.getEventId().equals(r.header("X-Event-Id"))).findFirst().orElseThrow();
                assertThat(request.header("Idempotency-Key")).as("idempotency key").isEqualTo(n.getEventId());
                assertThat(request.header("Content-Type")).isEqualTo("application/json");
                assertThat(request.header("X-Signature")).as("HMAC of the exact body")
                        .isEqualTo(WebhookSignature.sign(SECRET, request.body()));
                final JsonNode body = json.readTree(request.body());
                assertThat(body.path("orderId").asText()).isEqualTo(n.getOrderId());
                assertThat(body.path("customerId").asText()).isEqualTo(n.getCustomerId());
                assertThat(body.path("kind").asText()).isEqualTo("ORDER_CONFIRMED");
                assertThat(body.path("totalMinor").asLong()).isEqualTo(2500);
                assertThat(body.path("requestedAt").asText()).isEqualTo(n.getRequestedAt().toString());
            }
            assertThat(count(meters, "notifications.delivered", "channel", "webhook")).isEqualTo(6);
            assertThat(meters.find("notifications.delivery.latency").timer().count()).isEqualTo(6);
            assertThat(count(meters, "notifications.retried")).isZero();
        }
    }

    @Test
    void shouldPostBatchesOfSignedNotificationsWhenBatchingIsOnAndRetryAFailedBatchAsAWhole() throws Exception {
        // Given: batches of up to 4, the first request answered 503
        final NotificationTopicNames topics = harness.newTopics(1);
        receiver.script("/batches", Reply.status(503), Reply.ok());
        final NotificationConfig base = config(topics, "/batches");
        final NotificationConfig config = base.withWebhook(base.webhook().withBatches(4, Duration.ofMillis(50)));
        final MeterRegistry meters = new SimpleMeterRegistry();
        final List<NotificationRequested> sent = notifications("batch", 10);
        try (NotificationService service = harness.start(config, meters)) {
            // When
            harness.send(topics, sent.toArray(NotificationRequested[]::new));
            // Then
            await().atMost(WAIT).until(() -> count(meters, "notifications.delivered") == 10
                    && harness.committedToEnd(config.groupId(), topics.notifications()));
            final List<Received> requests = receiver.received("/batches");
            final List<String> delivered = new ArrayList<>();
            for (final Received request : requests.subList(1, requests.size())) {
                final JsonNode events = json.readTree(request.body()).path("events");
                assertThat(events.size()).as("at most batchMax per request").isBetween(1, 4);
                assertThat(request.header("X-Event-Count")).isEqualTo(Integer.toString(events.size()));
                assertThat(request.header("X-Signature")).isEqualTo(WebhookSignature.sign(SECRET, request.body()));
                assertThat(request.header("Idempotency-Key")).startsWith("batch-");
                events.forEach(event -> delivered.add(event.path("eventId").asText()));
            }
            assertThat(delivered).as("every notification delivered once after the failed batch was retried")
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(NotificationRequested::getEventId).toList());
            final JsonNode failed = json.readTree(requests.getFirst().body()).path("events");
            assertThat(count(meters, "notifications.retried", "reason", "SERVER_ERROR"))
                    .as("each notification of the refused batch retried").isEqualTo(failed.size());
            assertThat(count(meters, "notifications.dead.lettered")).isZero();
        }
    }

    @Test
    void shouldRetryOnServerErrorsUntilDelivered() {
        // Given
        final NotificationTopicNames topics = harness.newTopics(1);
        receiver.script("/flaky", Reply.status(500), Reply.status(503), Reply.ok());
        final MeterRegistry meters = new SimpleMeterRegistry();
        final NotificationRequested n = SampleNotifications.confirmed("flaky-e1", "flaky-o1", "c-1");
        try (NotificationService service = harness.start(config(topics, "/flaky"), meters)) {
            // When
            harness.send(topics, n);
            // Then
            await().atMost(WAIT).until(() -> count(meters, "notifications.delivered") == 1);
            assertThat(receiver.received("/flaky")).as("same event id on every attempt").hasSize(3)
                    .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("flaky-e1"));
            assertThat(count(meters, "notifications.retried", "reason", "SERVER_ERROR")).isEqualTo(2);
            assertThat(count(meters, "notifications.dead.lettered")).isZero();
        }
    }

    @Test
    void shouldRetryWhenTheWebhookAnswersTooSlowly() {
        // Given: the first answer comes after the 500 ms request timeout
        final NotificationTopicNames topics = harness.newTopics(1);
        receiver.script("/slow", Reply.slow(Duration.ofSeconds(2)), Reply.ok());
        final MeterRegistry meters = new SimpleMeterRegistry();
        try (NotificationService service = harness.start(config(topics, "/slow"), meters)) {
            // When
            harness.send(topics, SampleNotifications.confirmed("slow-e1", "slow-o1", "c-1"));
            // Then
            await().atMost(WAIT).until(() -> count(meters, "notifications.delivered") == 1);
            assertThat(count(meters, "notifications.retried", "reason", "TIMEOUT")).isEqualTo(1);
            assertThat(receiver.receivedWithEventId("/slow", "slow-e1")).as("timed-out attempt plus retry").isEqualTo(2);
        }
    }

    @Test
    void shouldDeadLetterAClientErrorAtOnceWithReasonHeaders() {
        // Given
        final NotificationTopicNames topics = harness.newTopics(1);
        receiver.script("/reject", new Reply(422, Duration.ZERO, "unknown customer"));
        final MeterRegistry meters = new SimpleMeterRegistry();
        final NotificationRequested n = SampleNotifications.confirmed("reject-e1", "reject-o1", "c-1");
        try (NotificationService service = harness.start(config(topics, "/reject"), meters)) {
            // When
            harness.send(topics, n);
            // Then
            final ConsumerRecord<byte[], byte[]> dead = harness.deadLetters(topics, 1).getFirst();
            assertThat(header(dead, DeadLetters.REASON)).isEqualTo("WEBHOOK_REJECTED");
            assertThat(header(dead, DeadLetters.MESSAGE)).contains("HTTP 422").contains("unknown customer");
            assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo(topics.notifications());
            assertThat(header(dead, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(header(dead, DeadLetters.FAILED_AT)).isEqualTo("consumers/notifications/webhook");
            assertThat(header(dead, "notify.attempts")).isEqualTo("1");
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("reject-o1");
            assertThat(harness.topics().notifications().valueSerde().deserializer().deserialize(topics.notifications(),
                    dead.value())).as("original value kept").isEqualTo(n);
            assertThat(receiver.received("/reject")).as("a 4xx is not retried").hasSize(1);
            assertThat(count(meters, "notifications.dead.lettered", "reason", "WEBHOOK_REJECTED")).isEqualTo(1);
        }
    }

    @Test
    void shouldDeadLetterWhenAttemptsAreExhausted() {
        // Given: four attempts allowed, the endpoint never recovers
        final NotificationTopicNames topics = harness.newTopics(1);
        receiver.script("/down", Reply.status(503));
        final MeterRegistry meters = new SimpleMeterRegistry();
        try (NotificationService service = harness.start(config(topics, "/down"), meters)) {
            // When
            harness.send(topics, SampleNotifications.confirmed("down-e1", "down-o1", "c-1"));
            // Then
            final ConsumerRecord<byte[], byte[]> dead = harness.deadLetters(topics, 1).getFirst();
            assertThat(header(dead, DeadLetters.REASON)).isEqualTo("ATTEMPTS_EXHAUSTED");
            assertThat(header(dead, DeadLetters.MESSAGE)).contains("4 attempts").contains("SERVER_ERROR");
            assertThat(header(dead, "notify.attempts")).isEqualTo("4");
            assertThat(header(dead, "notify.origin.topic")).as("where it first came from").isEqualTo(topics.notifications());
            assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).as("last read from a retry tier")
                    .isIn(topics.retryShort(), topics.retryLong());
            assertThat(receiver.received("/down")).hasSize(4);
            assertThat(count(meters, "notifications.retried", "reason", "SERVER_ERROR")).isEqualTo(3);
        }
    }

    @Test
    void shouldDeadLetterPoisonRecordsAndStillDeliverTheNextOne() {
        // Given: two undecodable records, then a good one, all in one partition
        final NotificationTopicNames topics = harness.newTopics(1);
        final MeterRegistry meters = new SimpleMeterRegistry();
        harness.sendRaw(topics, "poison-o1", "not avro at all".getBytes(StandardCharsets.UTF_8));
        harness.sendRaw(topics, "poison-o2", new byte[] {0, 0, 0, 0x7f, (byte) 0xee, 1, 2, 3});
        harness.send(topics, SampleNotifications.confirmed("poison-e3", "poison-o3", "c-1"));
        // When
        try (NotificationService service = harness.start(config(topics, "/after-poison"), meters)) {
            // Then
            await().atMost(WAIT).until(() -> receiver.receivedWithEventId("/after-poison", "poison-e3") == 1);
            final List<ConsumerRecord<byte[], byte[]>> dead = harness.deadLetters(topics, 2);
            assertThat(dead).extracting(r -> header(r, DeadLetters.REASON))
                    .containsExactlyInAnyOrder("INVALID_WIRE_FORMAT", "UNKNOWN_SCHEMA_ID");
            assertThat(dead).extracting(r -> header(r, DeadLetters.SOURCE_OFFSET)).containsExactlyInAnyOrder("0", "1");
            assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .contains("not avro at all");
            assertThat(count(meters, "notifications.delivered")).isEqualTo(1);
        }
    }

    @Test
    void shouldOpenTheCircuitWhileTheEndpointFailsAndCloseItWhenItRecovers() {
        // Given: the breaker opens at 50 % failures over 4 calls, stays open 1 s, then tries one call
        final NotificationTopicNames topics = harness.newTopics(1);
        receiver.script("/breaker", Reply.status(500));
        final MeterRegistry meters = new SimpleMeterRegistry();
        final NotificationConfig config = config(topics, "/breaker")
                .withRetry(new RetryPolicy(30, Duration.ofMillis(200), Duration.ofMillis(400), 2.0, 0.1))
                .withBreaker(new BreakerPolicy(50f, 4, 4, Duration.ofSeconds(1), 1));
        final List<NotificationRequested> sent = notifications("breaker", 4);
        final String destination = receiver.url("/").getHost() + ":" + receiver.url("/").getPort();
        try (NotificationService service = harness.start(config, meters)) {
            // When: four failures open the circuit
            harness.send(topics, sent.toArray(NotificationRequested[]::new));
            await().atMost(WAIT).until(() -> breakerState(meters, destination, "OPEN") == 1);
            await().atMost(WAIT).until(() -> count(meters, "notifications.retried", "reason", "CIRCUIT_OPEN") >= 2);
            // Then: while open, notifications wait in retry without reaching the endpoint
            await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.received("/breaker"))
                    .as("only attempts the breaker let through hit the endpoint")
                    .hasSize((int) count(meters, "notifications.failed", "reason", "SERVER_ERROR")));
            assertThat(count(meters, "notifications.failed", "reason", "CIRCUIT_OPEN"))
                    .as("attempts held back by the open circuit").isGreaterThanOrEqualTo(2);
            // When: the endpoint recovers
            receiver.script("/breaker", Reply.ok());
            // Then
            await().atMost(WAIT).until(() -> count(meters, "notifications.delivered") == 4);
            await().atMost(WAIT).until(() -> breakerState(meters, destination, "CLOSED") == 1);
            assertThat(count(meters, "notifications.breaker.transitions", "to", "OPEN")).isGreaterThanOrEqualTo(1);
            assertThat(count(meters, "notifications.breaker.transitions", "to", "HALF_OPEN")).isGreaterThanOrEqualTo(1);
            assertThat(count(meters, "notifications.breaker.transitions", "to", "CLOSED")).isEqualTo(1);
            assertThat(count(meters, "notifications.dead.lettered")).isZero();
            assertThat(service.readiness().probe().get().up()).isTrue();
        }
    }

    private static double breakerState(final MeterRegistry meters, final String destination, final String state) {
        final var gauge = meters.find("notifications.breaker.state").tag("destination", destination)
                .tag("state", state).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    @Test
    void shouldSuppressDuplicatesAcrossAConsumerRestart() {
        // Given: two notifications delivered by a first instance, which then stops
        final NotificationTopicNames topics = harness.newTopics(2);
        final NotificationConfig config = config(topics, "/dedupe");
        final NotificationRequested first = SampleNotifications.confirmed("dedupe-e1", "dedupe-o1", "c-1");
        final NotificationRequested second = SampleNotifications.confirmed("dedupe-e2", "dedupe-o2", "c-2");
        final NotificationRequested third = SampleNotifications.confirmed("dedupe-e3", "dedupe-o3", "c-3");
        try (NotificationService service = harness.start(config, new SimpleMeterRegistry())) {
            harness.send(topics, first, second);
            await().atMost(WAIT).until(() -> receiver.received("/dedupe").size() == 2);
        }
        // When: the saga re-sends the first (same event id), a new one follows, and a new instance starts
        harness.send(topics, first, third);
        final MeterRegistry meters = new SimpleMeterRegistry();
        try (NotificationService restarted = harness.start(config, meters)) {
            // Then
            await().atMost(WAIT).until(() -> receiver.receivedWithEventId("/dedupe", "dedupe-e3") == 1);
            await().atMost(WAIT).until(() -> count(meters, "notifications.duplicates") == 1);
        }
        // When: even a group that lost its offsets and re-reads everything
        final MeterRegistry rereading = new SimpleMeterRegistry();
        try (NotificationService fresh = harness.start(config.withGroupId(harness.uniqueName("fresh")), rereading)) {
            // Then: sends nothing twice
            await().atMost(WAIT).until(() -> count(rereading, "notifications.duplicates") == 4);
        }
        assertThat(receiver.receivedWithEventId("/dedupe", "dedupe-e1")).isEqualTo(1);
        assertThat(receiver.receivedWithEventId("/dedupe", "dedupe-e2")).isEqualTo(1);
        assertThat(receiver.receivedWithEventId("/dedupe", "dedupe-e3")).isEqualTo(1);
        assertThat(count(rereading, "notifications.delivered")).isZero();
    }

    @Test
    void shouldSendEveryCustomerToItsOwnUrlSignedWithItsOwnSecret() {
        // Given
        final NotificationTopicNames topics = harness.newTopics(1);
        final URI own = receiver.url("/own-hook");
        final NotificationConfig config = config(topics, "/shared-hook").withCustomers(new CustomerDirectory(Map.of(
                "c-own", new CustomerDirectory.Contact(Optional.empty(), Optional.of(own), Optional.of("own-secret")))));
        try (NotificationService service = harness.start(config, new SimpleMeterRegistry())) {
            // When
            harness.send(topics, SampleNotifications.confirmed("own-e1", "own-o1", "c-own"),
                    SampleNotifications.confirmed("own-e2", "own-o2", "c-other"));
            // Then
            await().atMost(WAIT).until(() -> receiver.received("/own-hook").size() == 1
                    && receiver.received("/shared-hook").size() == 1);
            final Received mine = receiver.received("/own-hook").getFirst();
            assertThat(mine.header("X-Signature")).isEqualTo(WebhookSignature.sign("own-secret", mine.body()));
            final Received shared = receiver.received("/shared-hook").getFirst();
            assertThat(shared.header("X-Signature")).isEqualTo(WebhookSignature.sign(SECRET, shared.body()));
        }
    }
}
