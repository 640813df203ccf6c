package dev.orderpipeline.ingest.internal.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Bounds every wait for a producer's verdict without a timer per request. The producer itself answers each send
 * within {@code delivery.timeout.ms}; this is the guard against it never answering (a bug, a dead sender thread),
 * so that a request can never hang.
 *
 * <p>Why not a timed wait per request: on a virtual thread each timed park schedules a wake-up on the JDK's delay
 * scheduler, and at thousands of requests per second that scheduler's own work and wake-ups cost more CPU than
 * anything else ingest adds to an HTTP request (measured with a profiler). All waits here have the same grace, so
 * they fall due in the order they began: one queue, swept from its head a few times a second by one thread, expires
 * them, and a verdict that arrived is dropped when the sweep reaches it.
 */
final class AckWatchdog implements AutoCloseable {

    private record Pending(CompletableFuture<RecordMetadata> verdict, long dueNanos) {
    }

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final long graceNanos;
    private final long sweepNanos;
    private final LongSupplier nanoTime;
    private final Thread sweeper;
    private volatile boolean running = true;

    /** A watchdog whose sweeping thread runs until {@link #close}. */
    static AckWatchdog start(final Duration grace, final Duration sweepInterval) {
        final AckWatchdog watchdog = new AckWatchdog(grace, sweepInterval, System::nanoTime, true);
        watchdog.sweeper.start();
        return watchdog;
    }

    /** A watchdog that sweeps only when {@link #sweep} is called, on the given clock; for tests. */
    static AckWatchdog manual(final Duration grace, final LongSupplier nanoTime) {
        return new AckWatchdog(grace, Duration.ofSeconds(1), nanoTime, false);
    }

    private AckWatchdog(final Duration grace, final Duration sweepInterval, final LongSupplier nanoTime,
                        final boolean sweeping) {
        this.graceNanos = grace.toNanos();
        this.sweepNanos = sweepInterval.toNanos();
        this.nanoTime = nanoTime;
        this.sweeper = sweeping ? Thread.ofPlatform().daemon().name("ingest-ack-watchdog").unstarted(this::run) : null;
    }

    /**
     * A verdict to complete from the producer's callback; it fails with a {@link TimeoutException} if that has not
     * happened within the grace.
     */
    CompletableFuture<RecordMetadata> watch() {
        final CompletableFuture<RecordMetadata> verdict = new CompletableFuture<>();
        pending.add(new Pending(verdict, nanoTime.getAsLong() + graceNanos));
        return verdict;
    }

    /**
     * Drops settled verdicts from the head of the queue and fails those past due; stops at the first one still
     * waiting within its grace (every later one began later).
     *
     * @return how many verdicts it failed
     */
    int sweep() {
        final long now = nanoTime.getAsLong();
        int expired = 0;
        for (Pending head = pending.peek(); head != null; head = pending.peek()) {
            if (!head.verdict().isDone() && now - head.dueNanos() < 0) {
                break;
            }
            pending.poll();
            if (head.verdict().completeExceptionally(new TimeoutException("no verdict from the producer"))) {
                expired++;
            }
        }
        return expired;
    }

    /** Verdicts not yet dropped by a sweep, settled or not. */
    int size() {
        return pending.size();
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(this, sweepNanos);
            sweep();
        }
    }

    /** Stops sweeping; verdicts still pending are left to the producer, which answers them when it closes. */
    @Override
    public void close() {
        running = false;
        if (sweeper != null) {
            LockSupport.unpark(sweeper);
        }
    }
}
