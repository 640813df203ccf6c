package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.report.Chart;
import dev.orderpipeline.bench.report.ResultRow;
import java.util.List;

/**
 * What a workload measured.
 *
 * @param rows   figures with their baselines
 * @param charts charts of the workload
 * @param notes  remarks for the report
 */
public record WorkloadResult(List<ResultRow> rows, List<Chart> charts, List<String> notes) {

    public WorkloadResult {
        rows = List.copyOf(rows);
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }
}
