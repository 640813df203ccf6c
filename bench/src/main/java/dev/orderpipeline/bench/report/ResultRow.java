package dev.orderpipeline.bench.report;

import java.util.Locale;
import java.util.Objects;

/**
 * One figure of a benchmark session next to its same-run baseline.
 *
 * @param workload     which workload measured it, e.g. {@code ingest}
 * @param metric       what it is, e.g. {@code POST /orders throughput, 32 connections}
 * @param unit         unit of both figures, e.g. {@code req/s}, {@code ms}, {@code MB}
 * @param ours         the pipeline's figure (NaN when not measured)
 * @param baselineName what the baseline is, e.g. {@code trivial Javalin POST}; empty when there is none
 * @param baseline     the baseline's figure, same unit (NaN when there is none)
 * @param target       the target for this figure
 * @param note         anything needed to read the figure right (empty if nothing)
 */
public record ResultRow(String workload, String metric, String unit, double ours, String baselineName,
                        double baseline, Target target, String note) {

    public ResultRow {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(note, "note");
    }

    /** A figure without a baseline. */
    public static ResultRow alone(final String workload, final String metric, final String unit, final double ours,
                                  final Target target, final String note) {
        return new ResultRow(workload, metric, unit, ours, "", Double.NaN, target, note);
    }

    /** ours / baseline, or NaN without a baseline. */
    public double ratio() {
        return Double.isNaN(baseline) || baseline == 0 || Double.isNaN(ours) ? Double.NaN : ours / baseline;
    }

    /** Whether the target is met: true, false, or null (no target, or not measured). */
    public Boolean met() {
        return target.met(this);
    }

    public String oursText() {
        return format(ours, unit);
    }

    public String baselineText() {
        return Double.isNaN(baseline) ? "" : format(baseline, unit);
    }

    public String ratioText() {
        final double r = ratio();
        return Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.2fx", r);
    }

    public String metText() {
        final Boolean met = met();
        return met == null ? "" : met ? "yes" : "NO";
    }

    /** A number in the precision its unit deserves, with the unit. */
    static String format(final double value, final String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        final String number;
        final double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            number = String.format(Locale.ROOT, "%,.0f", value);
        } else if (magnitude >= 100) {
            number = String.format(Locale.ROOT, "%.0f", value);
        } else if (magnitude >= 10) {
            number = String.format(Locale.ROOT, "%.1f", value);
        } else {
            number = String.format(Locale.ROOT, "%.2f", value);
        }
        return unit == null || unit.isEmpty() ? number : number + " " + unit;
    }
}
