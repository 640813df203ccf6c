package dev.orderpipeline.bench;

import dev.orderpipeline.bench.load.Progress;
import dev.orderpipeline.bench.process.ChildClasspath;
import dev.orderpipeline.bench.process.Waits;
import dev.orderpipeline.bench.report.BenchmarksFile;
import dev.orderpipeline.bench.report.Chart;
import dev.orderpipeline.bench.report.MachineInfo;
import dev.orderpipeline.bench.report.ReportWriter;
import dev.orderpipeline.bench.report.ResultRow;
import dev.orderpipeline.bench.report.ResultTable;
import dev.orderpipeline.bench.report.SessionReport;
import dev.orderpipeline.bench.workload.IngestWorkload;
import dev.orderpipeline.bench.workload.NotificationWorkload;
import dev.orderpipeline.bench.workload.QueryWorkload;
import dev.orderpipeline.bench.workload.RestoreWorkload;
import dev.orderpipeline.bench.workload.SagaWorkload;
import dev.orderpipeline.bench.workload.Workload;
import dev.orderpipeline.bench.workload.WorkloadContext;
import dev.orderpipeline.bench.workload.WorkloadResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/bench}: runs the selected workloads one after the other, each on a fresh cluster of child processes,
 * prints the table (every figure next to its same-run baseline, the ratio and the target) and writes
 * {@code results/<timestamp>/} (Markdown, CSV, SVG charts, an HTML page, the children's logs).
 *
 * <p>The harness logs to {@code <results>/harness.log}: no static logger here, so that the file is known before
 * logging starts.
 *
 * <p>Exit status: 0 when every workload ran (targets missed or not), 1 when a workload failed, 2 on bad usage.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(final String[] args) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        final BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (final IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    static int run(final BenchOptions options) {
        System.setProperty("bench.log.file", options.outDir().resolve("harness.log").toString());
        final Logger log = LoggerFactory.getLogger(BenchMain.class);
        final String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        awaitCalm(options);
        final MachineInfo machine = MachineInfo.current();
        System.err.printf("Benchmark session %s on %s; load %s%nResults in %s%n", started, machine.describe(),
                machine.loadBefore(), options.outDir().toAbsolutePath());
        final WorkloadContext context = new WorkloadContext(options, ChildClasspath.current(), Progress.onStderr());
        final Map<String, Workload> available = Stream.of(new IngestWorkload(), new SagaWorkload(),
                        new QueryWorkload(), new NotificationWorkload(), new RestoreWorkload())
                .collect(Collectors.toMap(Workload::name, Function.identity()));
        final List<ResultRow> rows = new ArrayList<>();
        final List<Chart> charts = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        boolean failed = false;
        for (final String name : options.workloads()) {
            final String loadBefore = MachineInfo.loadAverage();
            System.err.printf("%n== %s (load %s)%n", name, loadBefore);
            try {
                final WorkloadResult result = available.get(name).run(context);
                rows.addAll(result.rows());
                charts.addAll(result.charts());
                notes.add(String.format(Locale.ROOT, "%s: load average %s before, %s after", name, loadBefore,
                        MachineInfo.loadAverage()));
                notes.addAll(result.notes());
            } catch (final RuntimeException e) {
                failed = true;
                log.error("Workload {} failed", name, e);
                notes.add(name + ": FAILED: " + e.getMessage() + " (logs under "
                        + options.outDir().resolve("work").resolve(name).resolve("logs") + ")");
                System.err.println("  workload " + name + " failed: " + e.getMessage());
            }
        }
        final SessionReport report = new SessionReport("Order pipeline benchmarks", started, machine,
                MachineInfo.loadAverage(), options.describe(), rows, charts, notes);
        final String markdown = ReportWriter.write(options.outDir(), report);
        System.out.println();
        System.out.println(ResultTable.console(rows));
        notes.forEach(note -> System.out.println("note: " + note));
        System.out.println("\nWrote " + options.outDir().resolve("results.md") + ", results.csv, index.html and "
                + charts.size() + " charts");
        if (options.updateBenchmarks()) {
            final Path file = Path.of("BENCHMARKS.md");
            final Path published = BenchmarksFile.publish(options.outDir(), Path.of("bench", "latest"));
            final String generated = markdown.replace("# " + report.title(), "### Latest session")
                    .replace("](charts/", "](" + published + "/charts/");
            System.out.println(BenchmarksFile.update(file, generated) ? "Updated " + file + " (charts and CSV in "
                    + published + ")" : file + " has no generated section; not changed");
        }
        return failed ? 1 : 0;
    }

    /** Waits (bounded) until the machine is calm enough for figures worth comparing. */
    private static void awaitCalm(final BenchOptions options) {
        if (options.waitForCalm().isZero()) {
            return;
        }
        System.err.printf("Waiting up to %d min for the 1-minute load average to drop below %.1f (now %s)%n",
                options.waitForCalm().toMinutes(), options.maxLoad(), MachineInfo.loadAverage());
        final boolean calm = Waits.within(options.waitForCalm(), Duration.ofSeconds(15),
                () -> MachineInfo.oneMinuteLoad() < options.maxLoad());
        System.err.printf(Locale.ROOT, "%s; load %s%n", calm ? "Calm enough" : "Still busy, measuring anyway",
                MachineInfo.loadAverage());
    }
}
