package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.BenchOptions;
import dev.orderpipeline.bench.cluster.LocalCluster;
import dev.orderpipeline.bench.load.HttpRequestBytes;
import dev.orderpipeline.bench.load.LoadGenerator;
import dev.orderpipeline.bench.load.LoadResult;
import dev.orderpipeline.bench.load.OpenLoopProducer;
import dev.orderpipeline.bench.measure.ArrivalWatcher;
import dev.orderpipeline.bench.measure.Percentiles;
import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.process.ChildSpec;
import dev.orderpipeline.bench.process.Ports;
import dev.orderpipeline.bench.report.Chart;
import dev.orderpipeline.bench.report.ResultRow;
import dev.orderpipeline.bench.report.Target;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.topology.DemoCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Issue 4 (and the end-to-end latency of issue 9): the saga next to a pass-through exactly-once Streams app with the
 * same partitions and Streams settings, and next to the saga's output contract alone.
 *
 * <ol>
 *   <li><b>Throughput</b>: N orders are preloaded on {@code orders}; an unmeasured copy warms the broker up, then
 *       the pass-through copies them, the output-contract app writes for each the statuses and notification of a
 *       confirmed order, and the saga decides them, each alone. The rate is taken between the first and the last
 *       output becoming visible to a {@code read_committed} reader (start-up excluded for all).</li>
 *   <li><b>End-to-end latency</b> at fixed offered rates, open loop: orders are produced directly with
 *       {@code createdAt} = the time they were due; latency runs from there until the decision (CONFIRMED / REJECTED /
 *       CANCELLED) is visible on {@code order-status}. The same for the pass-through (input timestamp to visible
 *       copy), and for {@code POST /orders} through ingest (due time of the request to visible decision).</li>
 *   <li><b>Commit interval</b>: under exactly-once each of the saga's three hops waits for a commit, so the latency
 *       at the target rate is measured again at other {@code commit.interval.ms} values, for both apps, each freshly
 *       started and warmed up by a burst of orders first.</li>
 * </ol>
 */
public final class SagaWorkload implements Workload {

    private static final String NAME = "saga";
    private static final String APP_ID = "bench-saga";
    private static final String COPY_OUT = "bench-passthrough-out";
    private static final String WARM_OUT = "bench-passthrough-warm-out";
    private static final String CONTRACT_STATUS = "bench-contract-status";
    private static final String CONTRACT_NOTIFICATIONS = "bench-contract-notifications";
    /** Orders a fresh service JVM gets as fast as it takes them before it is measured, so that its JIT is warm. */
    private static final int BURST = 20_000;
    private static final String LATENCY_IN = "bench-passthrough-latency-in";
    private static final String LATENCY_OUT = "bench-passthrough-latency-out";
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration QUIET = Duration.ofSeconds(2);

    @Override
    public String name() {
        return NAME;
    }

    /** Latency of one app at one commit interval and rate. */
    private record Point(int commitMs, int rate, Percentiles latency, long sent, long seen) {
    }

    @Override
    public WorkloadResult run(final WorkloadContext context) {
        final BenchOptions options = context.options();
        try (LocalCluster cluster = context.cluster(NAME)) {
            final Topics topics = cluster.topics();
            final Serializer<OrderPlaced> orderBytes = topics.orders().valueSerde().serializer();
            seedCatalogue(context, cluster);
            cluster.createTopics(cluster.partitions(), COPY_OUT, WARM_OUT, CONTRACT_STATUS, CONTRACT_NOTIFICATIONS,
                    LATENCY_IN, LATENCY_OUT);
            final long n = options.sagaOrders();
            final Instant created = Instant.now();
            Preload.records(cluster.kafka(), orderBytes, n, i -> new ProducerRecord<>(Topics.ORDERS, "tp-" + i,
                    SampleData.orderPlaced("tp-" + i, i, created, OrderSource.DIRECT)), context.progress(),
                    "preload " + n + " orders");
            final List<String> notes = new ArrayList<>();
            final List<Integer> intervals = options.commitIntervals();
            final Set<Integer> firstRates = new LinkedHashSet<>(options.e2eRates());
            firstRates.add(options.targetRate());

            // 0. the broker's own JIT: an unmeasured copy of the preloaded orders, so that the first measured app does
            //    not pay for a cold broker
            try (ArrivalWatcher<byte[]> copies = ArrivalWatcher.everyRecord(cluster.kafka(), WARM_OUT, true)) {
                final ChildProcess warmer = cluster.startReady(passThrough(cluster, "passthrough-warm-broker",
                        "bench-passthrough-warm", Topics.ORDERS, WARM_OUT, intervals.get(0)),
                        WorkloadContext.READY_TIMEOUT);
                Awaiting.count(context.progress(), "warm the broker", copies::arrivals, n, Awaiting.bound(n, 100));
                warmer.stop(Duration.ofSeconds(30));
            }

            // 1. pass-through and the output contract alone: throughput on the preloaded orders
            final double copyRate;
            final List<Long> copyTimeline;
            final ChildProcess copier;
            try (ArrivalWatcher<byte[]> copies = ArrivalWatcher.everyRecord(cluster.kafka(), COPY_OUT, true)) {
                copier = cluster.startReady(passThrough(cluster, "passthrough", "bench-passthrough", Topics.ORDERS,
                        COPY_OUT, intervals.get(0)), WorkloadContext.READY_TIMEOUT);
                if (!Awaiting.count(context.progress(), "pass-through copies", copies::arrivals, n,
                        Awaiting.bound(n, 100))) {
                    notes.add("saga: the pass-through copied only " + copies.arrivals() + " of " + n + " orders");
                }
                copyRate = copies.rate();
                copyTimeline = copies.perSecond();
                copier.stop(Duration.ofSeconds(30));
            }
            final double contractRate;
            try (ArrivalWatcher<OrderStatusChanged> confirmations = ArrivalWatcher.start(cluster.kafka(),
                    CONTRACT_STATUS, topics.orderStatus().valueSerde().deserializer(), true,
                    r -> r.value().getStatus() == OrderStatus.CONFIRMED ? Optional.of(new ArrivalWatcher.Arrival(
                            r.key(), r.value().getOrderCreatedAt().toEpochMilli())) : Optional.empty())) {
                final ChildProcess contract = cluster.startReady(outputContract(cluster, intervals.get(0)),
                        WorkloadContext.READY_TIMEOUT);
                if (!Awaiting.count(context.progress(), "output contract alone", confirmations::arrivals, n,
                        Awaiting.bound(n, 100))) {
                    notes.add("saga: the output contract app wrote only " + confirmations.arrivals() + " of " + n
                            + " orders");
                }
                contractRate = confirmations.rate();
                contract.stop(Duration.ofSeconds(30));
            }

            // 2. pass-through: latency at each commit interval
            final List<Point> copyLatency = new ArrayList<>();
            try (ArrivalWatcher<byte[]> copies = ArrivalWatcher.everyRecord(cluster.kafka(), LATENCY_OUT, false);
                 OpenLoopProducer producer = new OpenLoopProducer(cluster.kafka(), context.progress())) {
                for (final int commitMs : intervals) {
                    final ChildProcess app = cluster.startReady(passThrough(cluster, "passthrough-c" + commitMs,
                            "bench-passthrough-c" + commitMs, LATENCY_IN, LATENCY_OUT, commitMs),
                            WorkloadContext.READY_TIMEOUT);
                    burst(context, cluster, copies, LATENCY_IN, orderBytes, "pt-burst-c" + commitMs + "-");
                    warmUp(context, producer, copies, LATENCY_IN, orderBytes, "pt-warm-c" + commitMs + "-");
                    for (final int rate : commitMs == intervals.get(0) ? firstRates : Set.of(options.targetRate())) {
                        final String prefix = "pt-c" + commitMs + "-r" + rate + "-";
                        final ArrivalWatcher.Probe probe = copies.probe(prefix);
                        final long sent = producer.run(String.format(Locale.ROOT, "pass-through, commit %d ms, %d/s",
                                commitMs, rate), rate, options.run(), (i, due) -> new ProducerRecord<>(LATENCY_IN,
                                null, due, prefix + i, orderBytes.serialize(Topics.ORDERS, SampleData.orderPlaced(
                                        prefix + i, i, Instant.ofEpochMilli(due), OrderSource.DIRECT))));
                        Awaiting.count(context.progress(), "copies visible", probe::count, sent, SETTLE);
                        copyLatency.add(new Point(commitMs, rate, probe.percentiles(), sent, probe.count()));
                    }
                    app.stop(Duration.ofSeconds(30));
                }
            }

            // 3. saga: throughput, latency (direct and HTTP), commit intervals
            final double sagaRate;
            final List<Long> sagaTimeline;
            final List<Point> sagaLatency = new ArrayList<>();
            final List<Point> httpLatency = new ArrayList<>();
            final ChildProcess saga;
            try (ArrivalWatcher<OrderStatusChanged> decisions = ArrivalWatcher.start(cluster.kafka(),
                    Topics.ORDER_STATUS, topics.orderStatus().valueSerde().deserializer(), true,
                    r -> SampleData.isDecision(r.value()) ? Optional.of(new ArrivalWatcher.Arrival(r.key(),
                            r.value().getOrderCreatedAt().toEpochMilli())) : Optional.empty());
                 OpenLoopProducer producer = new OpenLoopProducer(cluster.kafka(), context.progress())) {
                saga = cluster.startReady(cluster.service("saga", "saga", Ports.free(), sagaEnv(cluster)),
                        WorkloadContext.READY_TIMEOUT);
                if (!Awaiting.count(context.progress(), "saga decisions", decisions::arrivals, n,
                        Awaiting.bound(n, 50))) {
                    notes.add("saga: only " + decisions.arrivals() + " of " + n + " orders were decided in time");
                }
                sagaRate = decisions.rate();
                sagaTimeline = decisions.perSecond();
                for (final int rate : firstRates) {
                    sagaLatency.add(direct(context, producer, decisions, orderBytes, intervals.get(0), rate));
                }
                httpLatency.addAll(viaHttp(context, cluster, decisions, new ArrayList<>(firstRates)));
                saga.stop(Duration.ofSeconds(60));
                for (final int commitMs : intervals.subList(1, intervals.size())) {
                    final Map<String, String> env = sagaEnv(cluster);
                    env.put("ORDER_TOPOLOGY_COMMIT_INTERVAL", commitMs + "ms");
                    final ChildProcess variant = cluster.startReady(cluster.service("saga-c" + commitMs, "saga",
                            Ports.free(), env), WorkloadContext.READY_TIMEOUT);
                    burst(context, cluster, decisions, Topics.ORDERS, orderBytes, "sg-burst-c" + commitMs + "-");
                    warmUp(context, producer, decisions, Topics.ORDERS, orderBytes, "sg-warm-c" + commitMs + "-");
                    sagaLatency.add(direct(context, producer, decisions, orderBytes, commitMs, options.targetRate()));
                    variant.stop(Duration.ofSeconds(60));
                }
            }
            return result(options, n, sagaRate, copyRate, contractRate, sagaTimeline, copyTimeline, sagaLatency,
                    copyLatency, httpLatency, saga, copier, cluster, notes);
        }
    }

    /**
     * The demo catalogue ({@link DemoCatalogue#standard()}), written with {@link Preload} rather than
     * {@link DemoCatalogue#seed}: the latter's producer keeps five requests in flight, and on topics created a moment
     * before it can wedge on {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (see {@link Preload}).
     */
    private static void seedCatalogue(final WorkloadContext context, final LocalCluster cluster) {
        final Instant now = Instant.now();
        final List<InventoryAdjustment> stock = DemoCatalogue.standard().stock(now);
        final List<AccountAdjustment> funds = DemoCatalogue.standard().funds(now);
        Preload.records(cluster.kafka(), cluster.topics().inventory().valueSerde().serializer(), stock.size(),
                i -> new ProducerRecord<>(Topics.INVENTORY, stock.get((int) i).getSku(), stock.get((int) i)),
                context.progress(), "demo stock");
        Preload.records(cluster.kafka(), cluster.topics().accounts().valueSerde().serializer(), funds.size(),
                i -> new ProducerRecord<>(Topics.ACCOUNTS, funds.get((int) i).getCustomerId(), funds.get((int) i)),
                context.progress(), "demo funds");
    }

    private static Map<String, String> sagaEnv(final LocalCluster cluster) {
        final Map<String, String> env = new TreeMap<>();
        env.put("ORDER_TOPOLOGY_APPLICATION_ID", APP_ID);
        env.put("ORDER_TOPOLOGY_STATE_DIR", cluster.stateDir("saga").toString());
        return env;
    }

    private static ChildSpec passThrough(final LocalCluster cluster, final String name, final String applicationId,
                                         final String in, final String out, final int commitMs) {
        return cluster.baseline(name, "passthrough", Ports.free(), Map.of(
                "PASSTHROUGH_INPUT", in,
                "PASSTHROUGH_OUTPUT", out,
                "PASSTHROUGH_APPLICATION_ID", applicationId,
                "PASSTHROUGH_STATE_DIR", cluster.stateDir(name).toString(),
                "COMMIT_INTERVAL_MS", Integer.toString(commitMs)));
    }

    private static ChildSpec outputContract(final LocalCluster cluster, final int commitMs) {
        return cluster.baseline("output-contract", "output-contract", Ports.free(), Map.of(
                "CONTRACT_INPUT", Topics.ORDERS,
                "CONTRACT_STATUS_OUTPUT", CONTRACT_STATUS,
                "CONTRACT_NOTIFICATION_OUTPUT", CONTRACT_NOTIFICATIONS,
                "CONTRACT_APPLICATION_ID", "bench-output-contract",
                "CONTRACT_STATE_DIR", cluster.stateDir("output-contract").toString(),
                "COMMIT_INTERVAL_MS", Integer.toString(commitMs)));
    }

    /**
     * Gives a freshly started app {@value #BURST} orders at once and waits until it has handled them all: on two
     * cores a JVM takes minutes of light load to compile its hot paths, and a few seconds at full speed.
     */
    private static void burst(final WorkloadContext context, final LocalCluster cluster, final ArrivalWatcher<?> outputs,
                              final String topic, final Serializer<OrderPlaced> orderBytes, final String prefix) {
        final ArrivalWatcher.Probe probe = outputs.probe(prefix);
        final Instant created = Instant.now();
        Preload.records(cluster.kafka(), orderBytes, BURST, i -> new ProducerRecord<>(topic, prefix + i,
                SampleData.orderPlaced(prefix + i, i, created, OrderSource.DIRECT)), context.progress(),
                "warm-up burst");
        Awaiting.count(context.progress(), "warm-up burst handled", probe::count, BURST, SETTLE);
    }

    private static Point direct(final WorkloadContext context, final OpenLoopProducer producer,
                                final ArrivalWatcher<OrderStatusChanged> decisions,
                                final Serializer<OrderPlaced> orderBytes, final int commitMs, final int rate) {
        final String prefix = "sg-c" + commitMs + "-r" + rate + "-";
        final ArrivalWatcher.Probe probe = decisions.probe(prefix);
        final long sent = producer.run(String.format(Locale.ROOT, "saga, commit %d ms, %d orders/s", commitMs, rate),
                rate, context.options().run(), (i, due) -> new ProducerRecord<>(Topics.ORDERS, null, due, prefix + i,
                        orderBytes.serialize(Topics.ORDERS, SampleData.orderPlaced(prefix + i, i,
                                Instant.ofEpochMilli(due), OrderSource.DIRECT))));
        Awaiting.count(context.progress(), "decisions visible", probe::count, sent, SETTLE);
        return new Point(commitMs, rate, probe.percentiles(), sent, probe.count());
    }

    /**
     * Sends warm-up orders at half the target rate (so a fresh JVM has compiled its hot paths) and waits until the
     * app has drained them; they are never sampled.
     */
    private static void warmUp(final WorkloadContext context, final OpenLoopProducer producer,
                               final ArrivalWatcher<?> outputs, final String topic,
                               final Serializer<OrderPlaced> orderBytes, final String prefix) {
        producer.run("warm-up", context.options().targetRate() / 2.0, context.options().warmUp(),
                (i, due) -> new ProducerRecord<>(topic, null, due, prefix + i, orderBytes.serialize(Topics.ORDERS,
                        SampleData.orderPlaced(prefix + i, i, Instant.ofEpochMilli(due), OrderSource.DIRECT))));
        Awaiting.quiet(context.progress(), "drain warm-up", outputs::arrivals, QUIET, SETTLE);
    }

    /** POST /orders through ingest, open loop; latency from when each request was due to its visible decision. */
    private static List<Point> viaHttp(final WorkloadContext context, final LocalCluster cluster,
                                       final ArrivalWatcher<OrderStatusChanged> decisions, final List<Integer> rates) {
        final int port = Ports.free();
        final ChildProcess ingest = cluster.startReady(cluster.service("ingest", "ingest", port, Map.of()),
                WorkloadContext.READY_TIMEOUT);
        final HttpRequestBytes[] bodies = new HttpRequestBytes[1024];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = HttpRequestBytes.json("POST", "127.0.0.1:" + port, "/orders",
                    Map.of("X-API-Key", "dev-admin-key"), SampleData.orderJson(i));
        }
        final LoadGenerator generator = new LoadGenerator(IngestWorkload.address(port), context.progress());
        final List<Point> points = new ArrayList<>();
        try {
            generator.openLoop("warm-up ingest", context.options().targetRate() / 2.0,
                    context.options().openConnections(), context.options().warmUp(),
                    i -> bodies[(int) (i % bodies.length)]);
            Awaiting.quiet(context.progress(), "drain warm-up", decisions::arrivals, QUIET, SETTLE);
            for (final int rate : rates) {
                final ArrivalWatcher.KeyedProbe probe = decisions.keyedProbe();
                final LoadResult posted = generator.openLoop("POST -> decision, " + rate + "/s", rate,
                        context.options().openConnections(), context.options().run(),
                        i -> bodies[(int) (i % bodies.length)], (i, dueNanos, reply) -> {
                            if (reply.status() == 202) {
                                reply.header("location").ifPresent(location -> probe.expect(
                                        location.substring(location.lastIndexOf('/') + 1),
                                        System.currentTimeMillis() - (System.nanoTime() - dueNanos) / 1_000_000));
                            }
                        });
                Awaiting.count(context.progress(), "decisions visible", probe::count, posted.succeeded(), SETTLE);
                decisions.endKeyedProbe();
                points.add(new Point(0, rate, probe.percentiles(), posted.succeeded(), probe.count()));
            }
        } finally {
            ingest.stop(Duration.ofSeconds(30));
        }
        return points;
    }

    private static WorkloadResult result(final BenchOptions options, final long n, final double sagaRate,
                                         final double copyRate, final double contractRate,
                                         final List<Long> sagaTimeline,
                                         final List<Long> copyTimeline, final List<Point> saga,
                                         final List<Point> copy, final List<Point> http, final ChildProcess sagaProcess,
                                         final ChildProcess copier, final LocalCluster cluster,
                                         final List<String> notes) {
        final List<ResultRow> rows = new ArrayList<>();
        final int defaultCommit = options.commitIntervals().get(0);
        rows.add(new ResultRow(NAME, String.format(Locale.ROOT, "throughput, %,d preloaded orders", n), "orders/s",
                sagaRate, "pass-through EOS Streams app (same partitions and settings)", copyRate,
                Target.ratioAtLeast(0.5), "first to last output visible to a read_committed reader"));
        rows.add(new ResultRow(NAME, String.format(Locale.ROOT, "output contract alone, %,d preloaded orders", n),
                "orders/s", contractRate, "pass-through EOS Streams app (same partitions and settings)", copyRate,
                Target.none(), "1 OrderPlaced in, the 4 OrderStatusChanged and 1 NotificationRequested of a confirmed "
                + "order out, Avro, no state and no internal topics: the most any saga writing what issue 4 asks can "
                + "do here, so its ratio bounds the saga's"));
        rows.add(new ResultRow(NAME, "throughput vs the output contract alone", "orders/s", sagaRate,
                "output contract alone (stateless, same output)", contractRate, Target.none(),
                "what stock, payment, the two internal hops and the stores cost on top of the output itself"));
        for (final Point p : saga) {
            final Optional<Point> base = find(copy, p.commitMs(), p.rate());
            final String at = String.format(Locale.ROOT, " at %,d orders/s, commit %d ms", p.rate(), p.commitMs());
            final boolean target = p.rate() == options.targetRate() && p.commitMs() == defaultCommit;
            rows.add(new ResultRow(NAME, "createdAt -> decision p50" + at, "ms", p.latency().p50Millis(),
                    "pass-through, same rate and commit interval", base.map(b -> b.latency().p50Millis())
                    .orElse(Double.NaN), Target.none(), incomplete(p)));
            rows.add(new ResultRow(NAME, "createdAt -> decision p99" + at, "ms", p.latency().p99Millis(),
                    "pass-through, same rate and commit interval", base.map(b -> b.latency().p99Millis())
                    .orElse(Double.NaN), target ? Target.atMost(250, "ms") : Target.none(), ""));
            if (p.commitMs() == defaultCommit) {
                rows.add(new ResultRow(NAME, "createdAt -> decision p99.9" + at, "ms", p.latency().p999Millis(),
                        "pass-through, same rate and commit interval", base.map(b -> b.latency().p999Millis())
                        .orElse(Double.NaN), Target.none(), ""));
            }
        }
        for (final Point p : http) {
            final String at = String.format(Locale.ROOT, " at %,d req/s, commit %d ms", p.rate(), defaultCommit);
            for (final String q : List.of("p50", "p99", "p99.9")) {
                final double ours = q.equals("p50") ? p.latency().p50Millis() : q.equals("p99")
                        ? p.latency().p99Millis() : p.latency().p999Millis();
                final Optional<Point> direct = find(saga, defaultCommit, p.rate());
                final double viaDirect = direct.map(d -> q.equals("p50") ? d.latency().p50Millis() : q.equals("p99")
                        ? d.latency().p99Millis() : d.latency().p999Millis()).orElse(Double.NaN);
                rows.add(new ResultRow(NAME, "POST /orders -> decision " + q + at, "ms", ours,
                        "direct produce -> decision, same rate", viaDirect, Target.none(),
                        q.equals("p50") ? incomplete(p) : ""));
            }
        }
        rows.add(Rows.rss(NAME, sagaProcess, "pass-through app", copier, Target.none()));
        rows.add(Rows.rss(NAME, cluster.broker().process()));

        final List<Chart.Series> vsLoad = new ArrayList<>();
        vsLoad.add(line("saga p50", saga, defaultCommit, p -> p.latency().p50Millis(), false));
        vsLoad.add(line("saga p99", saga, defaultCommit, p -> p.latency().p99Millis(), false));
        vsLoad.add(line("saga p99.9", saga, defaultCommit, p -> p.latency().p999Millis(), false));
        vsLoad.add(line("POST->decision p50", http, 0, p -> p.latency().p50Millis(), false));
        vsLoad.add(line("POST->decision p99", http, 0, p -> p.latency().p99Millis(), false));
        vsLoad.add(line("pass-through p50", copy, defaultCommit, p -> p.latency().p50Millis(), true));
        vsLoad.add(line("pass-through p99", copy, defaultCommit, p -> p.latency().p99Millis(), true));
        final List<Chart.Series> vsCommit = List.of(
                byCommit("saga p50", saga, options.targetRate(), p -> p.latency().p50Millis(), false),
                byCommit("saga p99", saga, options.targetRate(), p -> p.latency().p99Millis(), false),
                byCommit("pass-through p50", copy, options.targetRate(), p -> p.latency().p50Millis(), true),
                byCommit("pass-through p99", copy, options.targetRate(), p -> p.latency().p99Millis(), true));
        final List<Chart> charts = List.of(
                new Chart("saga-latency-vs-load", "Order end-to-end latency vs offered load (commit "
                        + defaultCommit + " ms)", "offered load (orders/s)", "latency to decision (ms, log)", true,
                        vsLoad),
                new Chart("saga-latency-vs-commit-interval", "End-to-end latency at " + options.targetRate()
                        + " orders/s vs commit.interval.ms", "commit.interval.ms", "latency (ms, log)", true, vsCommit),
                new Chart("saga-throughput-over-time", "Preloaded orders: outputs visible per second",
                        "second since first output", "records/s", false,
                        List.of(LatencySweep.timeline("saga decisions", sagaTimeline, false),
                                LatencySweep.timeline("pass-through copies", copyTimeline, true))));
        return new WorkloadResult(rows, charts, notes);
    }

    private static String incomplete(final Point p) {
        return p.seen() >= p.sent() ? "" : String.format(Locale.ROOT, "only %,d of %,d seen within %d s",
                p.seen(), p.sent(), SETTLE.toSeconds());
    }

    private static Optional<Point> find(final List<Point> points, final int commitMs, final int rate) {
        return points.stream().filter(p -> p.commitMs() == commitMs && p.rate() == rate).findFirst();
    }

    private static Chart.Series line(final String name, final List<Point> points, final int commitMs,
                                     final ToDoubleFunction<Point> value, final boolean dashed) {
        return new Chart.Series(name, points.stream().filter(p -> p.commitMs() == commitMs)
                .map(p -> new Chart.Point(p.rate(), value.applyAsDouble(p))).toList(), dashed);
    }

    private static Chart.Series byCommit(final String name, final List<Point> points, final int rate,
                                         final ToDoubleFunction<Point> value, final boolean dashed) {
        return new Chart.Series(name, points.stream().filter(p -> p.rate() == rate)
                .sorted(Comparator.comparingInt(Point::commitMs))
                .map(p -> new Chart.Point(p.commitMs(), value.applyAsDouble(p))).toList(), dashed);
    }
}
