package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.load.Progress;
import dev.orderpipeline.bench.process.Waits;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Waiting, with a progress bar, for a count that another process drives up. */
final class Awaiting {

    private Awaiting() {
    }

    /**
     * Waits until {@code count} reaches {@code expected}.
     *
     * @return true when it did, false when {@code timeout} passed first (the caller reports what it got)
     */
    static boolean count(final Progress progress, final String label, final LongSupplier count, final long expected,
                         final Duration timeout) {
        progress.begin(label);
        final boolean reached = Waits.within(timeout, Duration.ofMillis(100), () -> {
            final long now = count.getAsLong();
            progress.update(now / (double) expected, String.format("%,d/%,d", now, expected));
            return now >= expected;
        });
        progress.done(String.format("%,d/%,d%s", count.getAsLong(), expected, reached ? "" : " (timed out)"));
        return reached;
    }

    /**
     * Waits until {@code count} has not moved for {@code quiet} (bounded by {@code timeout}): a consumer in another
     * process has drained what was sent before, e.g. warm-up traffic, so it cannot leak into the next measurement.
     */
    static void quiet(final Progress progress, final String label, final LongSupplier count, final Duration quiet,
                      final Duration timeout) {
        progress.begin(label);
        final long[] last = {count.getAsLong(), System.nanoTime()};
        Waits.within(timeout, Duration.ofMillis(100), () -> {
            final long now = count.getAsLong();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] >= quiet.toNanos();
        });
        progress.done(String.format("%,d", count.getAsLong()));
    }

    /** A generous bound for processing {@code records} at no less than {@code minRate} per second. */
    static Duration bound(final long records, final double minRate) {
        return Duration.ofSeconds(Math.max(180, (long) (records / minRate)));
    }
}
