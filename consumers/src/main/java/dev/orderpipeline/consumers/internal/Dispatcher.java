package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.internal.channel.Channel;
import dev.orderpipeline.consumers.internal.channel.DeliveryOutcome;
import dev.orderpipeline.consumers.internal.channel.FailureCode;
import dev.orderpipeline.consumers.internal.channel.Recipient;
import dev.orderpipeline.consumers.internal.channel.Resolution;
import dev.orderpipeline.consumers.internal.retry.RetryScheduler;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes one delivery attempt of one notification and decides what follows: resolve the recipient, ask the
 * destination's circuit breaker, send through the channel, then settle as delivered, retry (transient failure with
 * attempts left) or dead letter (permanent failure, or attempts exhausted). Never completes exceptionally.
 */
final class Dispatcher {

    private final Channel channel;
    private final Breakers breakers;
    private final RetryScheduler retries;
    private final DispatchMetrics metrics;
    private final Duration attemptGuard;
    private final Clock clock;

    /**
     * @param attemptGuard upper bound on one attempt on top of the channel's own timeouts, in case a channel
     *                     breaks its promise to complete in time
     */
    Dispatcher(final Channel channel, final Breakers breakers, final RetryScheduler retries,
               final DispatchMetrics metrics, final Duration attemptGuard, final Clock clock) {
        this.channel = channel;
        this.breakers = breakers;
        this.retries = retries;
        this.metrics = metrics;
        this.attemptGuard = attemptGuard;
        this.clock = clock;
    }

    CompletableFuture<Settlement> dispatch(final InboundRecord in, final NotificationRequested notification) {
        final Recipient recipient;
        switch (channel.resolve(notification)) {
            case Resolution.Unresolved unresolved -> {
                return CompletableFuture.completedFuture(settle(in, notification, unresolved.failure()));
            }
            case Resolution.Resolved resolved -> recipient = resolved.recipient();
        }
        final CircuitBreaker breaker = breakers.forDestination(recipient.destination());
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(settle(in, notification, DeliveryOutcome.transientFailure(
                    FailureCode.CIRCUIT_OPEN, "Circuit of " + recipient.destination() + " is " + breaker.getState(), null)));
        }
        final long started = System.nanoTime();
        final CompletableFuture<DeliveryOutcome> attempt;
        try {
            attempt = channel.send(notification, recipient);
        } catch (final RuntimeException e) {
            breaker.releasePermission();
            return CompletableFuture.completedFuture(settle(in, notification,
                    DeliveryOutcome.transientFailure(FailureCode.UNEXPECTED, e.toString(), e)));
        }
        return attempt
                .completeOnTimeout(DeliveryOutcome.transientFailure(FailureCode.TIMEOUT,
                        "No outcome within " + attemptGuard, null), attemptGuard.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> DeliveryOutcome.transientFailure(FailureCode.UNEXPECTED, e.toString(), e))
                .thenApply(outcome -> {
                    final Duration took = Duration.ofNanos(System.nanoTime() - started);
                    Breakers.record(breaker, outcome, took);
                    metrics.attempt(took);
                    return settle(in, notification, outcome);
                });
    }

    private Settlement settle(final InboundRecord in, final NotificationRequested n, final DeliveryOutcome outcome) {
        final int attemptsMade = in.attemptsMade() + 1;
        return switch (outcome) {
            case DeliveryOutcome.Delivered delivered -> new Settlement.Delivered(in, n.getEventId(), n.getOrderId());
            case DeliveryOutcome.PermanentFailure failure -> {
                metrics.failed(failure.code());
                yield new Settlement.DeadLetter(in, n.getEventId(), n.getOrderId(), attemptsMade, failure.code().name(),
                        failure.message(), failure.cause());
            }
            case DeliveryOutcome.TransientFailure failure -> {
                metrics.failed(failure.code());
                if (retries.exhausted(attemptsMade)) {
                    yield new Settlement.DeadLetter(in, n.getEventId(), n.getOrderId(), attemptsMade,
                            DispatchMetrics.ATTEMPTS_EXHAUSTED, "Gave up after " + attemptsMade + " attempts; last: "
                            + failure.code() + " " + failure.message(), failure.cause());
                }
                yield new Settlement.Retry(in, n.getEventId(), n.getOrderId(), attemptsMade,
                        retries.plan(attemptsMade, clock.instant()), failure.code(), failure.message());
            }
        };
    }
}
