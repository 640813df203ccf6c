package dev.orderpipeline.ingest.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AckWatchdogTest {

    private static final Duration GRACE = Duration.ofSeconds(3);
    private final AtomicLong now = new AtomicLong(1_000);
    private final AckWatchdog watchdog = AckWatchdog.manual(GRACE, now::get);

    @Test
    void shouldFailAWaitThatOutlivesItsGraceAndKeepTheYoungerOnes() {
        // Given: one verdict the producer never gives, and one begun a second later
        final CompletableFuture<RecordMetadata> forgotten = watchdog.watch();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        final CompletableFuture<RecordMetadata> younger = watchdog.watch();
        // When: the first one's grace is over, the second's not yet
        now.addAndGet(GRACE.toNanos() - Duration.ofSeconds(1).toNanos());
        final int expired = watchdog.sweep();
        // Then
        assertThat(expired).isEqualTo(1);
        assertThat(forgotten).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
        assertThat(younger).isNotDone();
        assertThat(watchdog.size()).isEqualTo(1);
    }

    @Test
    void shouldLeaveAnsweredVerdictsAloneAndForgetThem() {
        // Given: two verdicts the producer answered, one with a failure of its own
        final CompletableFuture<RecordMetadata> stored = watchdog.watch();
        final CompletableFuture<RecordMetadata> refused = watchdog.watch();
        final RecordMetadata metadata = new RecordMetadata(new TopicPartition("orders", 0), 7, 0, 0, 3, 50);
        stored.complete(metadata);
        final IllegalStateException failure = new IllegalStateException("refused");
        refused.completeExceptionally(failure);
        // When: a sweep well before their grace ends
        final int expired = watchdog.sweep();
        // Then: the answers stand and the queue is empty
        assertThat(expired).isZero();
        assertThat(stored).isCompletedWithValue(metadata);
        assertThat(refused).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCause(failure);
        assertThat(watchdog.size()).isZero();
    }

    @Test
    void shouldExpireOnItsOwnThreadWhenStarted() {
        // Given: a running watchdog with a short grace
        try (AckWatchdog running = AckWatchdog.start(Duration.ofMillis(50), Duration.ofMillis(10))) {
            // When: nobody answers
            final CompletableFuture<RecordMetadata> verdict = running.watch();
            // Then
            await().atMost(Duration.ofSeconds(5)).until(verdict::isDone);
            assertThat(verdict).isCompletedExceptionally();
        }
    }
}
