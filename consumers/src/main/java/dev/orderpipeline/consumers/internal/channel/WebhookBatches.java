package dev.orderpipeline.consumers.internal.channel;

import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gathers the notifications handed to the webhook channel into batches, one per URL and signing secret: a batch is
 * sent when it holds {@code max} notifications or {@code linger} after its first one arrived, whichever is first.
 * Every notification of a batch gets the batch's outcome; the dispatcher then settles each one on its own (marker,
 * retry copy or dead letter), exactly as for single deliveries.
 */
final class WebhookBatches implements AutoCloseable {

    /** Sends one batch; completes normally with the outcome of the whole request. */
    @FunctionalInterface
    interface Sender {
        CompletableFuture<DeliveryOutcome> send(String url, String secret, List<NotificationRequested> batch);
    }

    private record Destination(String url, String secret) {
    }

    private record Waiting(NotificationRequested notification, CompletableFuture<DeliveryOutcome> outcome) {
    }

    private final int max;
    private final Duration linger;
    private final Sender sender;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "webhook-batches");
        thread.setDaemon(true);
        return thread;
    });
    /** The batch being filled per destination; guarded by {@code this}. */
    private final Map<Destination, List<Waiting>> filling = new HashMap<>();

    WebhookBatches(final int max, final Duration linger, final Sender sender) {
        this.max = max;
        this.linger = linger;
        this.sender = sender;
    }

    CompletableFuture<DeliveryOutcome> add(final String url, final String secret,
                                           final NotificationRequested notification) {
        final Destination destination = new Destination(url, secret);
        final CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
        final List<Waiting> full;
        synchronized (this) {
            final List<Waiting> batch = filling.computeIfAbsent(destination, d -> startBatch(d));
            batch.add(new Waiting(notification, outcome));
            full = batch.size() >= max ? filling.remove(destination) : null;
        }
        if (full != null) {
            send(destination, full);
        }
        return outcome;
    }

    /** Called with the lock held: a new batch and the timer that sends it if it does not fill up in time. */
    private List<Waiting> startBatch(final Destination destination) {
        final List<Waiting> batch = new ArrayList<>(Math.min(max, 1024));
        timer.schedule(() -> sendIfStillFilling(destination, batch), linger.toNanos(), TimeUnit.NANOSECONDS);
        return batch;
    }

    private void sendIfStillFilling(final Destination destination, final List<Waiting> batch) {
        synchronized (this) {
            if (filling.get(destination) != batch) {
                return; // sent when it filled up
            }
            filling.remove(destination);
        }
        send(destination, batch);
    }

    private void send(final Destination destination, final List<Waiting> batch) {
        CompletableFuture<DeliveryOutcome> request;
        try {
            request = sender.send(destination.url(), destination.secret(),
                    batch.stream().map(Waiting::notification).toList());
        } catch (final RuntimeException e) {
            request = CompletableFuture.failedFuture(e);
        }
        request.whenComplete((outcome, error) -> {
            final DeliveryOutcome result = error == null ? outcome
                    : DeliveryOutcome.transientFailure(FailureCode.UNEXPECTED, error.toString(), error);
            batch.forEach(waiting -> waiting.outcome().complete(result));
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
