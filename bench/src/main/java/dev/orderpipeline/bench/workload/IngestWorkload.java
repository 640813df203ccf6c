package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.cluster.LocalCluster;
import dev.orderpipeline.bench.load.HttpRequestBytes;
import dev.orderpipeline.bench.load.LoadGenerator;
import dev.orderpipeline.bench.load.LoadResult;
import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.process.Ports;
import dev.orderpipeline.bench.report.Chart;
import dev.orderpipeline.bench.report.ResultRow;
import dev.orderpipeline.bench.report.Target;
import dev.orderpipeline.schemas.avro.OrderSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 6: {@code POST /orders} on the ingest service next to (a) the trivial Javalin POST that parses the same JSON
 * and answers 202 without Kafka, and (b) Kafka's {@code ProducerPerformance} sending records of the same serialized
 * size with the same producer settings.
 *
 * <ol>
 *   <li>Both HTTP servers are warmed up, then loaded closed-loop at each fixed concurrency of the session (default
 *       32 and 256 connections): requests/s and service-time percentiles at each. With few connections each one
 *       spends most of its time waiting for the broker's acknowledgement (202 only after it), so requests/s there is
 *       connections divided by that wait, not what the server can take; the ratio is taken on the peak,
 *       the best requests/s of each server over the concurrencies.</li>
 *   <li>Both are loaded open-loop at fractions of ingest's peak (10 .. 90 %): latency percentiles against offered
 *       load, coordinated-omission corrected; the 50 % point is the "half the peak rate".</li>
 *   <li>ProducerPerformance runs alone afterwards.</li>
 * </ol>
 */
public final class IngestWorkload implements Workload {

    private static final String NAME = "ingest";
    private static final int DISTINCT_BODIES = 1024;
    private static final double[] SWEEP = {0.1, 0.25, 0.5, 0.75, 0.9};
    private static final long INGEST_LINGER_MS = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WorkloadResult run(final WorkloadContext context) {
        final var options = context.options();
        try (LocalCluster cluster = context.cluster(NAME)) {
            final int ingestPort = Ports.free();
            final int trivialPort = Ports.free();
            final ChildProcess ingest = cluster.startReady(cluster.service("ingest", "ingest", ingestPort, Map.of()),
                    WorkloadContext.READY_TIMEOUT);
            final ChildProcess trivial = cluster.startReady(cluster.baseline("trivial-http", "http", trivialPort,
                    Map.of()), WorkloadContext.READY_TIMEOUT);
            final LoadGenerator.Requests ingestRequests = posts(ingestPort);
            final LoadGenerator.Requests trivialRequests = posts(trivialPort);
            final LoadGenerator toIngest = new LoadGenerator(address(ingestPort), context.progress());
            final LoadGenerator toTrivial = new LoadGenerator(address(trivialPort), context.progress());
            final List<Integer> concurrencies = options.httpConnections();
            final int warmUpConnections = concurrencies.getLast();

            toIngest.closedLoop("warm-up ingest", warmUpConnections, options.warmUp(), ingestRequests);
            toTrivial.closedLoop("warm-up trivial POST", warmUpConnections, options.warmUp(), trivialRequests);
            final List<LoadResult> ingestClosed = new ArrayList<>();
            final List<LoadResult> trivialClosed = new ArrayList<>();
            for (final int connections : concurrencies) {
                ingestClosed.add(toIngest.closedLoop("ingest, " + connections + " connections", connections,
                        options.run(), ingestRequests));
                trivialClosed.add(toTrivial.closedLoop("trivial POST, " + connections + " connections",
                        connections, options.run(), trivialRequests));
            }
            final LoadResult ingestPeak = best(ingestClosed);
            final LoadResult trivialPeak = best(trivialClosed);

            final List<LoadResult> ingestSweep = new ArrayList<>();
            final List<LoadResult> trivialSweep = new ArrayList<>();
            LoadResult ingestHalf = null;
            LoadResult trivialHalf = null;
            for (final double fraction : SWEEP) {
                final double rate = Math.max(1, Math.round(ingestPeak.throughput() * fraction));
                final Duration length = fraction == 0.5 ? options.run() : options.sweep();
                final String at = String.format(Locale.ROOT, " at %.0f/s", rate);
                final LoadResult ours = toIngest.openLoop("ingest" + at, rate, options.openConnections(), length,
                        ingestRequests);
                final LoadResult base = toTrivial.openLoop("trivial POST" + at, rate, options.openConnections(),
                        length, trivialRequests);
                ingestSweep.add(ours);
                trivialSweep.add(base);
                if (fraction == 0.5) {
                    ingestHalf = ours;
                    trivialHalf = base;
                }
            }

            final int recordSize = cluster.topics().orders().valueSerde().serializer().serialize(
                    cluster.topics().orders().name(), SampleData.orderPlaced(UUID.randomUUID().toString(), 1,
                            Instant.now(), OrderSource.HTTP)).length;
            final String perfTopic = "bench-producer-performance";
            cluster.createTopics(options.partitions(), perfTopic);
            context.progress().begin("ProducerPerformance");
            final ProducerPerformanceRun.Summary producer = ProducerPerformanceRun.run(cluster, perfTopic,
                    options.producerRecords(), recordSize, INGEST_LINGER_MS, options.serviceJvm());
            context.progress().done(String.format(Locale.ROOT, "%,.0f records/s", producer.recordsPerSec()));

            final List<ResultRow> rows = new ArrayList<>();
            rows.add(new ResultRow(NAME, "POST /orders peak throughput (best of " + joined(concurrencies)
                    + " connections)", "req/s", ingestPeak.throughput(), "trivial Javalin POST (same JSON, 202, no "
                    + "Kafka), its own best", trivialPeak.throughput(), Target.ratioAtLeast(0.6), String.format(
                    Locale.ROOT, "ingest peaked at %d connections, the trivial POST at %d; %s",
                    ingestPeak.connections(), trivialPeak.connections(), failures(ingestPeak)).strip()));
            rows.add(new ResultRow(NAME, "POST /orders peak throughput vs Kafka producer", "records/s",
                    ingestPeak.throughput(), "ProducerPerformance (" + recordSize + " B values, acks=all, idempotent, "
                    + "linger " + INGEST_LINGER_MS + " ms)", producer.recordsPerSec(), Target.none(),
                    "ProducerPerformance pipelines sends from one thread without HTTP; its records have no key (ingest "
                            + "keys by a 36-character order id)"));
            for (int i = 0; i < concurrencies.size(); i++) {
                final LoadResult ours = ingestClosed.get(i);
                final LoadResult base = trivialClosed.get(i);
                final String at = ", " + concurrencies.get(i) + " connections";
                rows.add(new ResultRow(NAME, "POST /orders throughput" + at, "req/s", ours.throughput(),
                        "trivial Javalin POST, same connections", base.throughput(), Target.none(), failures(ours)));
                rows.add(new ResultRow(NAME, "POST /orders p50" + at, "ms", ours.latency().p50Millis(),
                        "trivial Javalin POST", base.latency().p50Millis(), Target.none(), ""));
                rows.add(new ResultRow(NAME, "POST /orders p99" + at, "ms", ours.latency().p99Millis(),
                        "trivial Javalin POST", base.latency().p99Millis(), Target.none(), ""));
            }
            final String half = String.format(Locale.ROOT, " at half peak (%.0f req/s open loop)",
                    ingestHalf.offeredRate());
            rows.add(new ResultRow(NAME, "POST /orders p50" + half, "ms", ingestHalf.latency().p50Millis(),
                    "trivial POST, same rate", trivialHalf.latency().p50Millis(), Target.none(), failures(ingestHalf)));
            rows.add(new ResultRow(NAME, "POST /orders p99" + half, "ms", ingestHalf.latency().p99Millis(),
                    "trivial POST, same rate", trivialHalf.latency().p99Millis(), Target.atMost(20, "ms"),
                    "coordinated-omission corrected: latency from when each request was due"));
            rows.add(new ResultRow(NAME, "POST /orders p99.9" + half, "ms", ingestHalf.latency().p999Millis(),
                    "trivial POST, same rate", trivialHalf.latency().p999Millis(), Target.none(), ""));
            rows.add(Rows.rss(NAME, ingest, "trivial Javalin POST", trivial, Target.atMost(512, "MB")));

            final List<Chart.Series> latency = new ArrayList<>();
            latency.addAll(new LatencySweep("ingest POST /orders", false, ingestSweep).series());
            latency.addAll(new LatencySweep("trivial POST", true, trivialSweep).series());
            final List<Chart> charts = List.of(
                    new Chart("ingest-latency-vs-load", "POST /orders: latency vs offered load (open loop)",
                            "offered load (requests/s)", "latency (ms, log)", true, latency),
                    new Chart("ingest-throughput-over-time", "POST /orders at " + ingestPeak.connections()
                            + " connections: answers per second", "second of run", "requests/s", false,
                            List.of(LatencySweep.timeline("ingest", ingestPeak.perSecond(), false),
                                    LatencySweep.timeline("trivial POST", trivialClosed.get(
                                    ingestClosed.indexOf(ingestPeak)).perSecond(), true))));
            return new WorkloadResult(rows, charts, List.of(String.format(Locale.ROOT,
                    "ingest: record size %d B (Confluent Avro OrderPlaced with 2 lines); ProducerPerformance sent %,d "
                            + "records, p50 %.0f ms, p99 %.0f ms", recordSize, producer.records(),
                    producer.p50Millis(), producer.p99Millis())));
        }
    }

    private static LoadResult best(final List<LoadResult> runs) {
        return runs.stream().max(Comparator.comparingDouble(LoadResult::throughput)).orElseThrow();
    }

    private static String joined(final List<Integer> values) {
        return String.join("/", values.stream().map(String::valueOf).toList());
    }

    private static String failures(final LoadResult result) {
        return result.failed() == 0 ? "" : String.format(Locale.ROOT, "%,d requests failed (%d 4xx, %d 5xx, %d I/O, "
                + "%d unsent)", result.failed(), result.clientErrors(), result.serverErrors(), result.ioErrors(),
                result.unsent());
    }

    private static LoadGenerator.Requests posts(final int port) {
        final HttpRequestBytes[] requests = new HttpRequestBytes[DISTINCT_BODIES];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = HttpRequestBytes.json("POST", "127.0.0.1:" + port, "/orders",
                    Map.of("X-API-Key", "dev-admin-key"), SampleData.orderJson(i));
        }
        return i -> requests[(int) (i % DISTINCT_BODIES)];
    }

    static InetSocketAddress address(final int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
