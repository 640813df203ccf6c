package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.load.LoadResult;
import dev.orderpipeline.bench.report.Chart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Open-loop runs of one target at increasing offered rates, turned into chart series. */
record LatencySweep(String name, boolean baseline, List<LoadResult> points) {

    LatencySweep {
        points = List.copyOf(points);
    }

    /** p50 and p99 against the offered rate. */
    List<Chart.Series> series() {
        return List.of(line(name + " p50", r -> r.latency().p50Millis()),
                line(name + " p99", r -> r.latency().p99Millis()));
    }

    private Chart.Series line(final String label, final ToDoubleFunction<LoadResult> value) {
        final List<Chart.Point> xy = new ArrayList<>();
        for (final LoadResult r : points) {
            xy.add(new Chart.Point(r.offeredRate(), value.applyAsDouble(r)));
        }
        return new Chart.Series(label, xy, baseline);
    }

    /** A per-second throughput line of one run. */
    static Chart.Series timeline(final String label, final List<Long> perSecond, final boolean dashed) {
        final List<Chart.Point> xy = new ArrayList<>();
        for (int s = 0; s < perSecond.size(); s++) {
            xy.add(new Chart.Point(s, perSecond.get(s)));
        }
        return new Chart.Series(label, xy, dashed);
    }
}
