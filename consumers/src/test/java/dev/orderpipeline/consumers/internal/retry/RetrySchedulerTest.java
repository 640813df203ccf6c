package dev.orderpipeline.consumers.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.consumers.NotificationTopicNames;
import dev.orderpipeline.consumers.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetrySchedulerTest {

    private static final NotificationTopicNames TOPICS = NotificationTopicNames.defaults();
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final RetryScheduler scheduler = new RetryScheduler(
            new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(10), 3.0, 0.2), TOPICS, new SplittableRandom(7));

    @Test
    void shouldGrowDelaysExponentiallyUpToTheLongDelay() {
        // When / Then
        assertThat(scheduler.baseDelay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(scheduler.baseDelay(2)).isEqualTo(Duration.ofMinutes(3));
        assertThat(scheduler.baseDelay(3)).isEqualTo(Duration.ofMinutes(9));
        assertThat(scheduler.baseDelay(4)).as("capped").isEqualTo(Duration.ofMinutes(10));
        assertThat(scheduler.baseDelay(40)).as("no overflow").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldSpreadDelaysWithinTheJitterBand() {
        // Given
        final long base = Duration.ofMinutes(3).toMillis();
        // When / Then
        for (int i = 0; i < 1000; i++) {
            final RetryPlan plan = scheduler.plan(2, NOW);
            assertThat(plan.delay().toMillis()).as("jittered delay").isBetween((long) (base * 0.8), (long) (base * 1.2));
            assertThat(plan.dueAt()).isEqualTo(NOW.plus(plan.delay()));
        }
    }

    @Test
    void shouldSendFirstRetryToShortTierAndLaterOnesToLongTier() {
        // When / Then
        assertThat(scheduler.plan(1, NOW).topic()).isEqualTo(NotificationTopicNames.NOTIFICATIONS_RETRY_SHORT);
        assertThat(scheduler.plan(2, NOW).topic()).isEqualTo(NotificationTopicNames.NOTIFICATIONS_RETRY_LONG);
        assertThat(scheduler.plan(4, NOW).topic()).isEqualTo(NotificationTopicNames.NOTIFICATIONS_RETRY_LONG);
    }

    @Test
    void shouldBeExhaustedAfterMaxAttempts() {
        // When / Then
        assertThat(scheduler.exhausted(4)).isFalse();
        assertThat(scheduler.exhausted(5)).isTrue();
        assertThatThrownBy(() -> scheduler.baseDelay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
