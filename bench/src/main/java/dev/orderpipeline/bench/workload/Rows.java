package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.report.ResultRow;
import dev.orderpipeline.bench.report.Target;

/** Row shapes several workloads share. */
final class Rows {

    private Rows() {
    }

    /** Peak resident memory of a service process next to its baseline's. */
    static ResultRow rss(final String workload, final ChildProcess ours, final String baselineName,
                         final ChildProcess baseline, final Target target) {
        return new ResultRow(workload, "peak RSS, " + ours.name() + " process", "MB", megabytes(ours), baselineName,
                baseline == null ? Double.NaN : megabytes(baseline), target,
                "VmHWM of the process; JVM " + String.join(" ", ours.spec().jvm().options()));
    }

    /** Peak resident memory without a baseline. */
    static ResultRow rss(final String workload, final ChildProcess process) {
        return ResultRow.alone(workload, "peak RSS, " + process.name() + " process", "MB", megabytes(process),
                Target.none(), "VmHWM; JVM " + String.join(" ", process.spec().jvm().options()));
    }

    static double megabytes(final ChildProcess process) {
        return process.peakRssBytes().stream().mapToDouble(b -> b / (1024.0 * 1024.0)).findFirst().orElse(Double.NaN);
    }
}
