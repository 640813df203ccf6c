package dev.orderpipeline.bench.report;

import java.util.Locale;

/** What a figure must reach, from the issues; {@link #none()} when there is no target. */
public sealed interface Target {

    /** Whether the row meets the target; null when there is none or the figure is missing. */
    Boolean met(ResultRow row);

    /** Short text for tables, e.g. {@code >= 0.6x} or {@code <= 20 ms}. */
    String text();

    static Target none() {
        return new None();
    }

    /** ours / baseline must be at least {@code ratio}. */
    static Target ratioAtLeast(final double ratio) {
        return new RatioAtLeast(ratio);
    }

    /** our figure must be at most {@code limit}, in {@code unit} (the row's unit). */
    static Target atMost(final double limit, final String unit) {
        return new AtMost(limit, unit);
    }

    /** No target. */
    record None() implements Target {
        @Override
        public Boolean met(final ResultRow row) {
            return null;
        }

        @Override
        public String text() {
            return "";
        }
    }

    /** A minimum ratio to the baseline. */
    record RatioAtLeast(double ratio) implements Target {
        @Override
        public Boolean met(final ResultRow row) {
            final double r = row.ratio();
            return Double.isNaN(r) ? null : r >= ratio;
        }

        @Override
        public String text() {
            return String.format(Locale.ROOT, ">= %.1fx baseline", ratio);
        }
    }

    /** A maximum for our own figure. */
    record AtMost(double limit, String unit) implements Target {
        @Override
        public Boolean met(final ResultRow row) {
            return Double.isNaN(row.ours()) ? null : row.ours() <= limit;
        }

        @Override
        public String text() {
            return String.format(Locale.ROOT, "<= %s", ResultRow.format(limit, unit));
        }
    }
}
