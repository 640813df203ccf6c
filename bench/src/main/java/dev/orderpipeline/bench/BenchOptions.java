package dev.orderpipeline.bench;

import dev.orderpipeline.bench.process.JvmOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a benchmark session runs. Every run is bounded: fixed durations, fixed counts.
 *
 * @param outDir             results directory ({@code --out}, default {@code results/<timestamp>})
 * @param workloads          workloads to run, in order ({@code --workloads}, default all)
 * @param partitions         partitions of every topic ({@code --partitions}, default 3, as the local stack)
 * @param sagaOrders         orders pushed through the saga for throughput ({@code --orders}, default 200,000)
 * @param e2eRates           offered orders/s of the end-to-end latency runs ({@code --rates}, default 250,500,1000)
 * @param targetRate         the rate the issues' latency targets are stated at (1,000/s)
 * @param commitIntervals    commit.interval.ms values for latency ({@code --commit-intervals}, default 100,50,20;
 *                           the first is the pipeline's own)
 * @param run                length of each measured run ({@code --seconds}, default 20 s)
 * @param sweep              length of each point of a latency-vs-load sweep (default 10 s)
 * @param warmUp             warm-up before each measured service ({@code --warm-up}, default 30 s: the JIT needs it; 10 s
 *                           left ingest compiling while it was measured)
 * @param httpConnections    connections of the fixed-concurrency ingest runs, one closed-loop run each
 *                           ({@code --connections}, default 32,256: one where each connection mostly waits for the
 *                           broker's acknowledgement, one that saturates the server)
 * @param queryConnections   connections of the fixed-concurrency query runs (default 16)
 * @param openConnections    connections an open-loop run may use (default 64)
 * @param queryOrders        orders preloaded for the query workload (default 20,000)
 * @param notifications      notifications delivered ({@code --notifications}, default 50,000)
 * @param restoreKeys        order keys restored ({@code --restore-keys}, default 100,000)
 * @param producerRecords    records sent by ProducerPerformance (default 500,000)
 * @param maxLoad            wait for the 1-minute load average to drop below this ({@code --max-load}, default 1.5)
 * @param waitForCalm        how long to wait for that at most ({@code --wait-for-calm}, default 0: do not wait)
 * @param updateBenchmarks   also rewrite the generated section of {@code BENCHMARKS.md} ({@code --update-benchmarks})
 * @param serviceJvm         JVM options of services and baselines
 * @param brokerJvm          JVM options of the broker
 */
public record BenchOptions(Path outDir, Set<String> workloads, int partitions, int sagaOrders, List<Integer> e2eRates,
                           int targetRate, List<Integer> commitIntervals, Duration run, Duration sweep,
                           Duration warmUp, List<Integer> httpConnections, int queryConnections, int openConnections,
                           int queryOrders, int notifications, int restoreKeys, int producerRecords, double maxLoad,
                           Duration waitForCalm, boolean updateBenchmarks, JvmOptions serviceJvm,
                           JvmOptions brokerJvm) {

    public static final List<String> ALL_WORKLOADS = List.of("ingest", "saga", "queries", "notifications", "restore");

    static final String USAGE = """
            usage: scripts/bench [options]
              --quick                  small counts and short runs (a few minutes; for trying the harness)
              --workloads LIST         any of ingest,saga,queries,notifications,restore (default: all)
              --orders N               orders through the saga for throughput (default 200000)
              --rates LIST             offered orders/s of end-to-end latency runs (default 250,500,1000)
              --commit-intervals LIST  commit.interval.ms values for latency (default 100,50,20)
              --seconds S              length of each measured run (default 20)
              --connections LIST       connections of fixed-concurrency ingest runs (default 32,256)
              --warm-up S              warm-up before each measured service (default 30)
              --partitions P           partitions of every topic (default 3)
              --notifications N        notifications delivered per run (default 200000)
              --restore-keys N         order keys restored after wiping state (default 100000)
              --out DIR                results directory (default results/<timestamp>)
              --wait-for-calm DUR      wait up to DUR (e.g. 20m) for the 1-minute load to drop below --max-load
              --max-load L             load threshold for --wait-for-calm (default 1.5)
              --update-benchmarks      rewrite the generated section of BENCHMARKS.md with this session
              --service-jvm "OPTS"     JVM options of service processes (default "-Xms64m -Xmx512m -XX:+UseG1GC")""";

    static BenchOptions parse(final String[] args) {
        final CommandLine line = CommandLine.parse(args, Set.of("quick", "update-benchmarks", "help"));
        final boolean quick = line.flag("quick");
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        final Set<String> workloads = new LinkedHashSet<>();
        for (final String w : line.string("workloads", String.join(",", ALL_WORKLOADS)).split(",")) {
            final String name = w.trim().toLowerCase(Locale.ROOT);
            if (!ALL_WORKLOADS.contains(name)) {
                throw new IllegalArgumentException("unknown workload '" + w + "'; choose from " + ALL_WORKLOADS);
            }
            workloads.add(name);
        }
        final Duration run = line.duration("seconds", quick ? Duration.ofSeconds(5) : Duration.ofSeconds(20));
        final BenchOptions options = new BenchOptions(
                Path.of(line.string("out", "results/" + stamp)),
                workloads,
                line.integer("partitions", 3),
                line.integer("orders", quick ? 5_000 : 200_000),
                line.integers("rates", quick ? List.of(250, 1000) : List.of(250, 500, 1000)),
                1000,
                line.integers("commit-intervals", quick ? List.of(100, 20) : List.of(100, 50, 20)),
                run,
                quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10),
                line.duration("warm-up", quick ? Duration.ofSeconds(2) : Duration.ofSeconds(30)),
                line.integers("connections", List.of(32, 256)),
                16,
                64,
                quick ? 2_000 : 20_000,
                line.integer("notifications", quick ? 5_000 : 200_000),
                line.integer("restore-keys", quick ? 5_000 : 100_000),
                quick ? 50_000 : 500_000,
                line.decimal("max-load", 1.5),
                line.duration("wait-for-calm", Duration.ZERO),
                line.flag("update-benchmarks"),
                JvmOptions.parse(line.string("service-jvm", String.join(" ", JvmOptions.SERVICE.options()))),
                JvmOptions.BROKER);
        if (line.flag("help")) {
            throw new IllegalArgumentException("help");
        }
        line.rejectUnknown();
        return options;
    }

    /** One line for the report. */
    public String describe() {
        return String.format(Locale.ROOT, "workloads %s; %d partitions; %,d saga orders; e2e rates %s/s; commit "
                        + "intervals %s ms; runs %d s (sweep points %d s, warm-up %d s); %s/%d connections "
                        + "(ingest/queries), open loop up to %d; %,d notifications; %,d restore keys; service JVM %s",
                String.join(",", workloads), partitions, sagaOrders, e2eRates, commitIntervals, run.toSeconds(),
                sweep.toSeconds(), warmUp.toSeconds(), httpConnections, queryConnections, openConnections,
                notifications, restoreKeys, String.join(" ", serviceJvm.options()));
    }
}
