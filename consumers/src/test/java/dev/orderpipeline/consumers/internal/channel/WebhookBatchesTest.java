package dev.orderpipeline.consumers.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WebhookBatchesTest {

    private record Sent(String url, String secret, List<String> eventIds) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    private WebhookBatches batches(final int max, final Duration linger, final DeliveryOutcome answer) {
        return new WebhookBatches(max, linger, (url, secret, batch) -> {
            sent.add(new Sent(url, secret, batch.stream().map(NotificationRequested::getEventId).toList()));
            return CompletableFuture.completedFuture(answer);
        });
    }

    private static NotificationRequested notification(final String eventId) {
        return NotificationRequested.newBuilder().setEventId(eventId).setOrderId("o-" + eventId).setCustomerId("c-1")
                .setKind(NotificationKind.ORDER_CONFIRMED).setCurrency("EUR").setTotalMinor(100)
                .setRequestedAt(Instant.parse("2031-01-01T00:00:00Z")).build();
    }

    @Test
    void shouldSendAFullBatchAtOnceInArrivalOrder() {
        try (WebhookBatches batches = batches(3, Duration.ofHours(1), DeliveryOutcome.delivered())) {
            final CompletableFuture<DeliveryOutcome> first = batches.add("http://a/hook", "s", notification("e1"));
            batches.add("http://a/hook", "s", notification("e2"));
            assertThat(sent).as("not full yet, linger not over").isEmpty();
            final CompletableFuture<DeliveryOutcome> third = batches.add("http://a/hook", "s", notification("e3"));
            assertThat(sent).containsExactly(new Sent("http://a/hook", "s", List.of("e1", "e2", "e3")));
            assertThat(first).isCompletedWithValue(DeliveryOutcome.delivered());
            assertThat(third).isCompletedWithValue(DeliveryOutcome.delivered());
        }
    }

    @Test
    void shouldSendABatchThatDoesNotFillUpWhenItsLingerIsOver() {
        try (WebhookBatches batches = batches(100, Duration.ofMillis(20), DeliveryOutcome.delivered())) {
            final CompletableFuture<DeliveryOutcome> outcome = batches.add("http://a/hook", "s", notification("e1"));
            await().atMost(Duration.ofSeconds(5)).until(outcome::isDone);
            assertThat(sent).containsExactly(new Sent("http://a/hook", "s", List.of("e1")));
        }
    }

    @Test
    void shouldKeepDestinationsAndSecretsApart() {
        try (WebhookBatches batches = batches(2, Duration.ofHours(1), DeliveryOutcome.delivered())) {
            batches.add("http://a/hook", "s1", notification("e1"));
            batches.add("http://b/hook", "s1", notification("e2"));
            batches.add("http://a/hook", "s2", notification("e3"));
            assertThat(sent).isEmpty();
            batches.add("http://a/hook", "s1", notification("e4"));
            assertThat(sent).containsExactly(new Sent("http://a/hook", "s1", List.of("e1", "e4")));
        }
    }

    @Test
    void shouldGiveEveryNotificationOfAFailedBatchTheBatchOutcome() {
        final DeliveryOutcome refused = DeliveryOutcome.transientFailure(FailureCode.SERVER_ERROR, "HTTP 503", null);
        try (WebhookBatches batches = batches(2, Duration.ofHours(1), refused)) {
            final CompletableFuture<DeliveryOutcome> first = batches.add("http://a/hook", "s", notification("e1"));
            final CompletableFuture<DeliveryOutcome> second = batches.add("http://a/hook", "s", notification("e2"));
            assertThat(first).isCompletedWithValue(refused);
            assertThat(second).isCompletedWithValue(refused);
        }
    }

    @Test
    void shouldTurnASenderThatThrowsIntoATransientFailureOfEveryNotification() {
        try (WebhookBatches batches = new WebhookBatches(1, Duration.ZERO, (url, secret, batch) -> {
            throw new IllegalStateException("boom");
        })) {
            final CompletableFuture<DeliveryOutcome> outcome = batches.add("http://a/hook", "s", notification("e1"));
            assertThat(outcome.join()).isInstanceOfSatisfying(DeliveryOutcome.TransientFailure.class,
                    failure -> assertThat(failure.code()).isEqualTo(FailureCode.UNEXPECTED));
        }
    }
}
