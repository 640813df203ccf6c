package dev.orderpipeline.bench.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything a benchmark session produced.
 *
 * @param title      heading of the report
 * @param startedAt  ISO timestamp of the start
 * @param machine    where it ran
 * @param loadAfter  load averages at the end
 * @param settings   the options it ran with, one line
 * @param rows       every figure with its baseline
 * @param charts     charts to draw
 * @param notes      remarks on the session (pending workloads, failures, warnings)
 */
public record SessionReport(String title, String startedAt, MachineInfo machine, String loadAfter, String settings,
                            List<ResultRow> rows, List<Chart> charts, List<String> notes) {

    public SessionReport {
        Objects.requireNonNull(title, "title");
        rows = List.copyOf(rows);
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }
}
