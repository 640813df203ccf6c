package dev.orderpipeline.bench.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling for conditions the harness cannot be told about (a port opening, a consumer catching up in another
 * process). Every wait has a deadline and names what it waited for when it gives up.
 */
public final class Waits {

    private Waits() {
    }

    /**
     * Polls {@code condition} every {@code interval} until it holds.
     *
     * @throws IllegalStateException naming {@code what} when {@code timeout} passes first
     */
    public static void until(final String what, final Duration timeout, final Duration interval,
                             final BooleanSupplier condition) {
        if (!within(timeout, interval, condition)) {
            throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    /** Polls like {@link #until} and answers whether the condition held in time, instead of throwing. */
    public static boolean within(final Duration timeout, final Duration interval, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            pause(interval);
        }
    }

    /** Parks the calling thread; an interrupt ends the pause early and stays set. */
    public static void pause(final Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("Interrupted");
        }
    }

    /** Parks until {@code System.nanoTime()} reaches {@code deadlineNanos}. */
    public static void pauseUntil(final long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("Interrupted");
            }
        }
    }
}
