package dev.orderpipeline.ingest.internal.idempotency;

import java.time.Duration;

/** A point on the monotonic clock by which a request must be answered; immune to wall-clock jumps. */
public record Deadline(long nanos) {

    public static Deadline after(final Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }

    /** This deadline moved earlier, e.g. to keep time for a later step. */
    public Deadline minus(final Duration reserve) {
        return new Deadline(nanos - reserve.toNanos());
    }

    public boolean expired() {
        return nanos - System.nanoTime() <= 0;
    }
}
