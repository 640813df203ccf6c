package dev.orderpipeline.bench.load;

import dev.orderpipeline.bench.measure.Percentiles;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured.
 *
 * @param label          what was loaded, for reports
 * @param offeredRate    requests per second offered (open loop), or 0 for a closed loop
 * @param connections    connections used
 * @param elapsedNanos   from the first due request to the last answer
 * @param succeeded      2xx answers
 * @param clientErrors   4xx answers
 * @param serverErrors   5xx answers
 * @param ioErrors       requests that failed on the connection
 * @param unsent         requests that were due but could not be sent before the run's drain deadline
 * @param latencyMicros  latency of every answered request (from when it was due, in an open loop)
 * @param perSecond      answers completed in each second of the run
 */
public record LoadResult(String label, double offeredRate, int connections, long elapsedNanos, long succeeded,
                         long clientErrors, long serverErrors, long ioErrors, long unsent, Histogram latencyMicros,
                         List<Long> perSecond) {

    public LoadResult {
        perSecond = List.copyOf(perSecond);
    }

    /** Successful answers per second over the run. */
    public double throughput() {
        return elapsedNanos == 0 ? 0 : succeeded / (elapsedNanos / 1e9);
    }

    public Percentiles latency() {
        return Percentiles.ofMicros(latencyMicros);
    }

    /** Requests that did not get a 2xx answer. */
    public long failed() {
        return clientErrors + serverErrors + ioErrors + unsent;
    }
}
