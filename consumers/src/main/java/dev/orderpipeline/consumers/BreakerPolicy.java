package dev.orderpipeline.consumers;

import dev.orderpipeline.platform.config.Env;
import java.time.Duration;

/**
 * When a destination's circuit opens and how it recovers: it opens when at least {@code failureRatePercent} of the
 * last {@code windowSize} calls (once {@code minimumCalls} were made) failed transiently; after {@code openDuration}
 * it lets {@code halfOpenCalls} trial calls through and closes again if they succeed. Permanent failures (a 4xx, a
 * refused address) prove the endpoint is alive and count as successes.
 *
 * @param failureRatePercent {@code NOTIFY_BREAKER_FAILURE_RATE}, 50
 * @param windowSize         {@code NOTIFY_BREAKER_WINDOW}, 20 calls
 * @param minimumCalls       {@code NOTIFY_BREAKER_MINIMUM_CALLS}, 10
 * @param openDuration       {@code NOTIFY_BREAKER_OPEN_DURATION}, 30s
 * @param halfOpenCalls      {@code NOTIFY_BREAKER_HALF_OPEN_CALLS}, 3
 */
public record BreakerPolicy(float failureRatePercent, int windowSize, int minimumCalls, Duration openDuration,
                            int halfOpenCalls) {

    public BreakerPolicy {
        if (failureRatePercent <= 0 || failureRatePercent > 100) {
            throw new IllegalArgumentException("failureRatePercent must be in (0, 100], not " + failureRatePercent);
        }
        if (windowSize < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
            throw new IllegalArgumentException("windowSize, minimumCalls and halfOpenCalls must be positive");
        }
    }

    public static BreakerPolicy defaults() {
        return new BreakerPolicy(50f, 20, 10, Duration.ofSeconds(30), 3);
    }

    public static BreakerPolicy from(final Env env) {
        final BreakerPolicy d = defaults();
        return new BreakerPolicy(
                Float.parseFloat(env.string("NOTIFY_BREAKER_FAILURE_RATE", Float.toString(d.failureRatePercent()))),
                env.integer("NOTIFY_BREAKER_WINDOW", d.windowSize()),
                env.integer("NOTIFY_BREAKER_MINIMUM_CALLS", d.minimumCalls()),
                env.duration("NOTIFY_BREAKER_OPEN_DURATION", d.openDuration()),
                env.integer("NOTIFY_BREAKER_HALF_OPEN_CALLS", d.halfOpenCalls()));
    }
}
