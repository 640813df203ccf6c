package dev.orderpipeline.bench.measure;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds.
 *
 * @param count     samples
 * @param p50Millis median
 * @param p90Millis 90th percentile
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param maxMillis largest sample
 * @param meanMillis mean
 */
public record Percentiles(long count, double p50Millis, double p90Millis, double p99Millis, double p999Millis,
                          double maxMillis, double meanMillis) {

    /** From a histogram of microseconds. */
    public static Percentiles ofMicros(final Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), micros.getMean() / 1000.0);
    }

    private static double ms(final long micros) {
        return micros / 1000.0;
    }
}
