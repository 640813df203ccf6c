package dev.orderpipeline.bench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.bench.BenchOptions;
import dev.orderpipeline.bench.cluster.LocalCluster;
import dev.orderpipeline.bench.load.HttpRequestBytes;
import dev.orderpipeline.bench.load.LoadGenerator;
import dev.orderpipeline.bench.load.LoadResult;
import dev.orderpipeline.bench.measure.PrometheusText;
import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.process.ChildSpec;
import dev.orderpipeline.bench.process.Ports;
import dev.orderpipeline.bench.process.Waits;
import dev.orderpipeline.bench.report.Chart;
import dev.orderpipeline.bench.report.ResultRow;
import dev.orderpipeline.bench.report.Target;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Issue 5: interactive queries on two projections instances, next to the trivial Javalin GET returning a constant
 * of the same size as the real answer.
 *
 * <p>K confirmed orders over the twelve months of 2031 are preloaded on {@code order-status}. Which keys instance A
 * owns is learnt from A itself: a key is "forwarded" when a GET for it moves A's
 * {@code projections_forwarded_queries_total} counter. Each kind of read (month local/forwarded, order
 * local/forwarded) and each baseline then gets a closed-loop run at fixed concurrency (throughput) and an open-loop
 * run at the target rate (latency).
 */
public final class QueryWorkload implements Workload {

    private static final String NAME = "queries";
    private static final int SAMPLED_ORDERS = 200;
    private static final int[] SWEEP_RATES = {250, 500, 1000, 2000, 4000};
    private static final String FORWARDED = "projections_forwarded_queries_total";

    /** One kind of read: its name, the request paths cycled through, and the answer size. */
    private record Reads(String name, List<String> paths, int bytes) {
    }

    /** Closed- and open-loop results of one kind of read. */
    private record Measured(Reads reads, LoadResult peak, LoadResult atTarget) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WorkloadResult run(final WorkloadContext context) {
        final BenchOptions options = context.options();
        final ObjectMapper json = new ObjectMapper();
        try (LocalCluster cluster = context.cluster(NAME)) {
            final int k = options.queryOrders();
            Preload.records(cluster.kafka(), cluster.topics().orderStatus().valueSerde().serializer(), 4L * k,
                    QueryWorkload::history, context.progress(), "preload " + k + " order histories");
            final int portA = Ports.free();
            final int portB = Ports.free();
            final ChildProcess a = cluster.children().start(projections(cluster, "projections-a", portA));
            final ChildProcess b = cluster.children().start(projections(cluster, "projections-b", portB));
            final int trivialPort = Ports.free();
            final ChildProcess trivial = cluster.startReady(cluster.baseline("trivial-http", "http", trivialPort,
                    Map.of()), WorkloadContext.READY_TIMEOUT);
            a.awaitReady(WorkloadContext.READY_TIMEOUT);
            b.awaitReady(WorkloadContext.READY_TIMEOUT);
            final String baseA = "http://127.0.0.1:" + portA;
            Waits.until("projections to hold all " + k + " orders", Duration.ofMinutes(5), Duration.ofMillis(500),
                    () -> totalOrders(json, baseA) == k);

            final List<String> notes = new ArrayList<>();
            final List<String> localMonths = new ArrayList<>();
            final List<String> forwardedMonths = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                final String path = String.format(Locale.ROOT, "/sales/monthly/2031-%02d", m);
                (forwarded(baseA, path) ? forwardedMonths : localMonths).add(path);
            }
            final List<String> localOrders = new ArrayList<>();
            final List<String> forwardedOrders = new ArrayList<>();
            for (int i = 0; i < SAMPLED_ORDERS; i++) {
                final String path = "/orders/q-" + (i * (k / SAMPLED_ORDERS));
                (forwarded(baseA, path) ? forwardedOrders : localOrders).add(path);
            }
            final List<Reads> reads = new ArrayList<>();
            addIfAny(reads, notes, "GET /sales/monthly/{m}, local key", localMonths, baseA);
            addIfAny(reads, notes, "GET /orders/{id}, local key", localOrders, baseA);
            addIfAny(reads, notes, "GET /sales/monthly/{m}, forwarded", forwardedMonths, baseA);
            addIfAny(reads, notes, "GET /orders/{id}, forwarded", forwardedOrders, baseA);

            final LoadGenerator toA = new LoadGenerator(IngestWorkload.address(portA), context.progress());
            final LoadGenerator toTrivial = new LoadGenerator(IngestWorkload.address(trivialPort), context.progress());
            final int c = options.queryConnections();
            final List<ResultRow> rows = new ArrayList<>();
            final List<Chart.Series> sweep = new ArrayList<>();
            for (final Reads r : reads) {
                final String hostA = "127.0.0.1:" + portA;
                final Reads constant = new Reads("constant of " + r.bytes() + " B",
                        List.of("/constant/" + r.bytes()), r.bytes());
                toA.closedLoop("warm-up " + r.name(), c, options.warmUp(), requests(hostA, r));
                toTrivial.closedLoop("warm-up " + constant.name(), c, options.warmUp(),
                        requests("127.0.0.1:" + trivialPort, constant));
                final Measured ours = measure(toA, hostA, r, c, options);
                final Measured base = measure(toTrivial, "127.0.0.1:" + trivialPort, constant, c, options);
                rows.addAll(rows(ours, base, c, options.targetRate()));
                if (r.name().startsWith("GET /sales/monthly/{m}, local")) {
                    sweep.addAll(sweep(toA, hostA, r, ours.peak(), options, false));
                    sweep.addAll(sweep(toTrivial, "127.0.0.1:" + trivialPort, constant, base.peak(), options, true));
                }
            }
            rows.add(Rows.rss(NAME, a, "trivial Javalin GET", trivial, Target.none()));
            rows.add(Rows.rss(NAME, b, "trivial Javalin GET", trivial, Target.none()));
            return new WorkloadResult(rows, List.of(new Chart("queries-latency-vs-load",
                    "GET /sales/monthly/{m} (local key) vs constant: latency vs offered load",
                    "offered load (requests/s)", "latency (ms, log)", true, sweep)), notes);
        }
    }

    private static ProducerRecord<String, OrderStatusChanged> history(final long record) {
        final long order = record / 4;
        final String id = "q-" + order;
        final Instant created = Instant.parse(String.format(Locale.ROOT, "2031-%02d-10T10:00:00Z", order % 12 + 1));
        return new ProducerRecord<>(Topics.ORDER_STATUS, id,
                SampleData.confirmedHistory(id, order, created).get((int) (record % 4)));
    }

    private static ChildSpec projections(final LocalCluster cluster, final String name, final int port) {
        return cluster.service(name, "projections", port, Map.of(
                "PROJECTIONS_APPLICATION_ID", "bench-projections",
                "PROJECTIONS_STATE_DIR", cluster.stateDir(name).toString(),
                "PROJECTIONS_INSTANCES", "2"));
    }

    private static long totalOrders(final ObjectMapper json, final String base) {
        final HttpResponse<String> response = SimpleHttp.get(base + "/sales/monthly?from=2031-01&to=2031-12");
        if (response.statusCode() != 200) {
            return -1;
        }
        try {
            return json.readTree(response.body()).path("total").path("orders").asLong(-1);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether instance A forwards a GET of {@code path}: its forwarded-queries counter moves. */
    private static boolean forwarded(final String base, final String path) {
        final URI metrics = URI.create(base + "/metrics");
        final double before = PrometheusText.scrape(metrics, FORWARDED, "outcome=\"answered\"");
        final HttpResponse<String> response = SimpleHttp.get(base + path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return PrometheusText.scrape(metrics, FORWARDED, "outcome=\"answered\"") > before;
    }

    private static void addIfAny(final List<Reads> reads, final List<String> notes, final String name,
                                 final List<String> paths, final String base) {
        if (paths.isEmpty()) {
            notes.add("queries: no key fell in the class '" + name + "' with this partitioning; not measured");
            return;
        }
        final int bytes = SimpleHttp.get(base + paths.get(0)).body().getBytes(StandardCharsets.UTF_8).length;
        reads.add(new Reads(name, paths, bytes));
    }

    private static LoadGenerator.Requests requests(final String host, final Reads reads) {
        final HttpRequestBytes[] requests = reads.paths().stream()
                .map(p -> HttpRequestBytes.get(host, p, Map.of("X-API-Key", "dev-admin-key")))
                .toArray(HttpRequestBytes[]::new);
        return i -> requests[(int) (i % requests.length)];
    }

    private static Measured measure(final LoadGenerator generator, final String host, final Reads reads,
                                    final int connections, final BenchOptions options) {
        final LoadResult peak = generator.closedLoop(reads.name() + ", " + connections + " connections",
                connections, options.run(), requests(host, reads));
        final LoadResult atTarget = generator.openLoop(reads.name() + " at " + options.targetRate() + "/s",
                options.targetRate(), options.openConnections(), options.run(), requests(host, reads));
        return new Measured(reads, peak, atTarget);
    }

    private static List<ResultRow> rows(final Measured ours, final Measured base, final int connections,
                                        final int rate) {
        final boolean local = ours.reads().name().contains("local");
        final String baseline = "trivial Javalin GET, constant " + ours.reads().bytes() + " B";
        final String name = ours.reads().name();
        final List<ResultRow> rows = new ArrayList<>();
        rows.add(new ResultRow(NAME, name + ", throughput at " + connections + " connections", "req/s",
                ours.peak().throughput(), baseline, base.peak().throughput(),
                local ? Target.ratioAtLeast(0.5) : Target.none(), failures(ours.peak())));
        rows.add(new ResultRow(NAME, name + ", p50 at " + connections + " connections", "ms",
                ours.peak().latency().p50Millis(), baseline, base.peak().latency().p50Millis(), Target.none(), ""));
        rows.add(new ResultRow(NAME, name + ", p99 at " + connections + " connections", "ms",
                ours.peak().latency().p99Millis(), baseline, base.peak().latency().p99Millis(), Target.none(), ""));
        rows.add(new ResultRow(NAME, name + ", p50 at " + rate + " req/s", "ms",
                ours.atTarget().latency().p50Millis(), baseline, base.atTarget().latency().p50Millis(), Target.none(),
                failures(ours.atTarget())));
        rows.add(new ResultRow(NAME, name + ", p99 at " + rate + " req/s", "ms",
                ours.atTarget().latency().p99Millis(), baseline, base.atTarget().latency().p99Millis(),
                Target.atMost(local ? 10 : 25, "ms"), "open loop, coordinated-omission corrected"));
        return rows;
    }

    private static List<Chart.Series> sweep(final LoadGenerator generator, final String host, final Reads reads,
                                            final LoadResult peak, final BenchOptions options, final boolean baseline) {
        final List<LoadResult> points = new ArrayList<>();
        for (final int rate : SWEEP_RATES) {
            if (rate <= 0.9 * peak.throughput()) {
                points.add(generator.openLoop(reads.name() + " at " + rate + "/s", rate, options.openConnections(),
                        options.sweep(), requests(host, reads)));
            }
        }
        return new LatencySweep(baseline ? "constant GET" : "monthly sales GET", baseline, points).series();
    }

    private static String failures(final LoadResult result) {
        return result.failed() == 0 ? "" : String.format(Locale.ROOT, "%,d requests failed", result.failed());
    }
}
