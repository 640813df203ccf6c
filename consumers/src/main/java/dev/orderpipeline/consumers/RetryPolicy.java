package dev.orderpipeline.consumers;

import dev.orderpipeline.platform.config.Env;
import java.time.Duration;

/**
 * How transient failures are retried: exponential backoff with jitter, over two retry topics, with bounded
 * attempts. The n-th retry waits {@code min(longDelay, shortDelay * multiplier^(n-1))}, spread by ±{@code jitter};
 * it goes to the short tier topic when that wait is at most {@code shortDelay}, else to the long one.
 *
 * @param maxAttempts deliveries tried per notification, the first included ({@code NOTIFY_MAX_ATTEMPTS}, 5); an open
 *                    circuit counts as an attempt so that a dead endpoint cannot keep a notification for ever
 * @param shortDelay  first retry delay and the short tier's bound ({@code NOTIFY_RETRY_SHORT_DELAY}, 1m)
 * @param longDelay   longest retry delay ({@code NOTIFY_RETRY_LONG_DELAY}, 10m)
 * @param multiplier  growth per retry ({@code NOTIFY_RETRY_MULTIPLIER}, 3)
 * @param jitter      relative spread in [0, 1) so retries of a burst do not arrive together ({@code NOTIFY_RETRY_JITTER}, 0.2)
 */
public record RetryPolicy(int maxAttempts, Duration shortDelay, Duration longDelay, double multiplier, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (shortDelay.isNegative() || shortDelay.isZero() || longDelay.compareTo(shortDelay) < 0) {
            throw new IllegalArgumentException("Need 0 < shortDelay <= longDelay, got " + shortDelay + " and " + longDelay);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1, not " + multiplier);
        }
        if (jitter < 0.0 || jitter >= 1.0) {
            throw new IllegalArgumentException("jitter must be in [0, 1), not " + jitter);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(10), 3.0, 0.2);
    }

    public static RetryPolicy from(final Env env) {
        final RetryPolicy d = defaults();
        return new RetryPolicy(
                env.integer("NOTIFY_MAX_ATTEMPTS", d.maxAttempts()),
                env.duration("NOTIFY_RETRY_SHORT_DELAY", d.shortDelay()),
                env.duration("NOTIFY_RETRY_LONG_DELAY", d.longDelay()),
                Double.parseDouble(env.string("NOTIFY_RETRY_MULTIPLIER", Double.toString(d.multiplier()))),
                Double.parseDouble(env.string("NOTIFY_RETRY_JITTER", Double.toString(d.jitter()))));
    }
}
