package dev.orderpipeline.topology.internal;

/**
 * Arithmetic for stock and funds, which must never go below zero nor wrap around: an adjustment that would take
 * them below zero stops at zero (as the {@code inventory} and {@code accounts} contracts say), one that would
 * overflow stops at {@link Long#MAX_VALUE}.
 */
public final class Quantities {

    private Quantities() {
    }

    /** {@code current + delta}, kept within {@code [0, Long.MAX_VALUE]}. */
    public static long adjust(final long current, final long delta) {
        final long sum = current + delta;
        if (((current ^ sum) & (delta ^ sum)) < 0) {
            return delta > 0 ? Long.MAX_VALUE : 0;
        }
        return Math.max(0, sum);
    }

    /** A new level, never below zero. */
    public static long set(final long level) {
        return Math.max(0, level);
    }
}
