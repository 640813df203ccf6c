package dev.orderpipeline.consumers.internal.retry;

import dev.orderpipeline.consumers.NotificationTopicNames;
import dev.orderpipeline.consumers.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter over two retry tiers. The n-th retry (after n failed attempts) waits
 * {@code min(longDelay, shortDelay * multiplier^(n-1))} spread by ±jitter, so a burst that failed together does
 * not come back together. The un-jittered delay picks the tier: up to {@code shortDelay} the short topic, else the
 * long one, so that records in one tier have similar delays and a paused tier partition never holds a short retry
 * behind a long one.
 */
public final class RetryScheduler {

    private final RetryPolicy policy;
    private final String shortTier;
    private final String longTier;
    private final RandomGenerator random;

    public RetryScheduler(final RetryPolicy policy, final NotificationTopicNames topics, final RandomGenerator random) {
        this.policy = policy;
        this.shortTier = topics.retryShort();
        this.longTier = topics.retryLong();
        this.random = random;
    }

    /** Whether a notification that failed {@code attemptsMade} times gets no further attempt. */
    public boolean exhausted(final int attemptsMade) {
        return attemptsMade >= policy.maxAttempts();
    }

    /** The plan after {@code attemptsMade} (at least 1) failed attempts. */
    public RetryPlan plan(final int attemptsMade, final Instant now) {
        final Duration base = baseDelay(attemptsMade);
        final double spread = 1.0 + policy.jitter() * (2.0 * random.nextDouble() - 1.0);
        final Duration delay = Duration.ofMillis(Math.max(1L, Math.round(base.toMillis() * spread)));
        final String topic = base.compareTo(policy.shortDelay()) <= 0 ? shortTier : longTier;
        return new RetryPlan(topic, delay, now.plus(delay));
    }

    /** The delay before jitter: {@code min(longDelay, shortDelay * multiplier^(attemptsMade-1))}. */
    public Duration baseDelay(final int attemptsMade) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("attemptsMade must be at least 1, not " + attemptsMade);
        }
        final double factor = Math.pow(policy.multiplier(), attemptsMade - 1);
        final double millis = Math.min(policy.longDelay().toMillis(), policy.shortDelay().toMillis() * factor);
        return Duration.ofMillis((long) millis);
    }
}
