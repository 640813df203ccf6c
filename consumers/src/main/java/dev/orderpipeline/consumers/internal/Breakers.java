package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.BreakerPolicy;
import dev.orderpipeline.consumers.ChannelKind;
import dev.orderpipeline.consumers.internal.channel.DeliveryOutcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker per destination of the channel (webhook {@code host:port}, SMTP server), so one
 * failing receiver does not stop the others. Calls are asynchronous, so permission and result are reported by
 * hand: transient failures count as errors, delivered and permanent failures as successes (a 4xx proves the
 * endpoint is up). The open state ends by time on the next permission request; no timer thread.
 *
 * <p>Exported: {@code notifications.breaker.state{channel,destination,state}} (1 for the current state, else 0)
 * and {@code notifications.breaker.transitions{channel,destination,to}}; every transition is logged.
 */
final class Breakers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Breakers.class);
    private static final List<CircuitBreaker.State> EXPORTED_STATES =
            List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);

    private final CircuitBreakerRegistry registry;
    private final MeterRegistry meters;
    private final String channel;
    private final List<Meter> registered = new ArrayList<>();
    private final Map<String, CircuitBreaker> byDestination = new ConcurrentHashMap<>();

    Breakers(final BreakerPolicy policy, final ChannelKind channel, final MeterRegistry meters) {
        this.meters = meters;
        this.channel = channel.label();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.windowSize())
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
                .build());
    }

    /** The breaker of a destination, created with its meters and transition log on first use. */
    CircuitBreaker forDestination(final String destination) {
        return byDestination.computeIfAbsent(destination, d -> {
            final CircuitBreaker breaker = registry.circuitBreaker(channel + "/" + d);
            instrument(breaker, d);
            return breaker;
        });
    }

    /** Reports the result of a permitted call. */
    static void record(final CircuitBreaker breaker, final DeliveryOutcome outcome, final Duration duration) {
        final long nanos = duration.toNanos();
        switch (outcome) {
            case DeliveryOutcome.TransientFailure failure -> breaker.onError(nanos, TimeUnit.NANOSECONDS,
                    failure.cause() != null ? failure.cause() : new DeliveryFailedException(failure.message()));
            case DeliveryOutcome.Delivered delivered -> breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            case DeliveryOutcome.PermanentFailure failure -> breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Names of the destinations whose circuit is not closed, for readiness details. */
    List<String> notClosed() {
        return byDestination.values().stream()
                .filter(b -> b.getState() != CircuitBreaker.State.CLOSED)
                .map(b -> b.getName() + "=" + b.getState())
                .toList();
    }

    private void instrument(final CircuitBreaker breaker, final String destination) {
        synchronized (registered) {
            for (final CircuitBreaker.State state : EXPORTED_STATES) {
                registered.add(Gauge.builder("notifications.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                        .description("1 when the destination's circuit is in this state")
                        .tag("channel", channel).tag("destination", destination).tag("state", state.name())
                        .register(meters));
            }
        }
        breaker.getEventPublisher().onStateTransition(event -> {
            final CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.CLOSED) {
                LOG.info("Circuit breaker {} closed again after {}", event.getCircuitBreakerName(),
                        event.getStateTransition().getFromState());
            } else {
                LOG.warn("Circuit breaker {} changed from {} to {}", event.getCircuitBreakerName(),
                        event.getStateTransition().getFromState(), to);
            }
            final Counter transitions = Counter.builder("notifications.breaker.transitions")
                    .description("Circuit breaker state changes").tag("channel", channel)
                    .tag("destination", destination).tag("to", to.name()).register(meters);
            synchronized (registered) {
                registered.add(transitions);
            }
            transitions.increment();
        });
    }

    @Override
    public void close() {
        synchronized (registered) {
            registered.forEach(meters::remove);
            registered.clear();
        }
    }

    /** Stands in for the exception of a transient failure that had none, since Resilience4j wants one. */
    static final class DeliveryFailedException extends RuntimeException {
        DeliveryFailedException(final String message) {
            super(message, null, false, false);
        }
    }
}
