package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.cluster.LocalCluster;
import dev.orderpipeline.bench.load.HttpRequestBytes;
import dev.orderpipeline.bench.load.LoadGenerator;
import dev.orderpipeline.bench.load.LoadResult;
import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.process.ChildSpec;
import dev.orderpipeline.bench.process.Ports;
import dev.orderpipeline.bench.report.Chart;
import dev.orderpipeline.bench.report.ResultRow;
import dev.orderpipeline.bench.report.Target;
import dev.orderpipeline.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Issue 7: notifications delivered per second by the dispatcher ({@code Launcher notifications}, webhook channel)
 * to a local webhook that answers at once, next to a bare consumer reading the same topic and doing nothing. Both
 * read the same M preloaded notifications in groups of their own; both rates are taken between the first and the
 * last record handled, so start-up and group join are left out of both. Measured twice, each time on a cluster of
 * its own (the dispatcher's dedupe markers would otherwise suppress the second run): with the default settings (one
 * POST per notification) and with the batched settings for receivers that take batches. The batched run also
 * measures the webhook delivery contract alone (decode, render, sign and POST the same batches, nothing else; see
 * {@code WebhookContractConsumer}) into a sink of its own: a ceiling for any dispatcher on this machine.
 */
public final class NotificationWorkload implements Workload {

    private static final String NAME = "notifications";
    private static final String PENDING = "dev.orderpipeline.consumers.NotificationMain";
    /** The dispatcher's default {@code NOTIFY_MAX_IN_FLIGHT}. */
    private static final int IN_FLIGHT = 64;
    /** The dispatcher's settings for receivers that take batches (documented in the consumers README). */
    private static final Map<String, String> BATCHED = Map.of(
            "NOTIFY_WEBHOOK_BATCH_MAX", "500",
            "NOTIFY_MAX_IN_FLIGHT", "2000",
            "NOTIFY_MAX_POLL_RECORDS", "2000");

    @Override
    public String name() {
        return NAME;
    }

    /** Whether the consumers module is on the class path (it is being written alongside this harness). */
    public static boolean available() {
        try {
            Class.forName(PENDING, false, NotificationWorkload.class.getClassLoader());
            return true;
        } catch (final ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public WorkloadResult run(final WorkloadContext context) {
        if (!available()) {
            return new WorkloadResult(List.of(ResultRow.alone(NAME, "notifications delivered", "notifications/s",
                    Double.NaN, Target.ratioAtLeast(0.3), "pending: the consumers module is not built yet")),
                    List.of(), List.of("notifications: pending, " + PENDING + " is not on the class path"));
        }
        final long m = context.options().notifications();
        final List<ResultRow> rows = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Delivery single = deliver(context, NAME, Map.of(), notes);
        rows.add(new ResultRow(NAME, String.format(Locale.ROOT,
                "delivered to a local webhook, %,d notifications, default settings", m), "notifications/s",
                single.rate(), "bare consumer, same topic, does nothing", single.baseline().rate(),
                Target.ratioAtLeast(0.3), "one POST per notification, " + IN_FLIGHT + " in flight; first to last "
                + "record handled; webhook answers 204 at once"));
        rows.add(new ResultRow(NAME, "delivered to a local webhook vs the webhook's own capacity", "notifications/s",
                single.rate(), "raw POSTs of a webhook body to the same sink, " + IN_FLIGHT + " connections",
                single.rawHttp().throughput(), Target.none(), "the HTTP ceiling at the dispatcher's default "
                + "in-flight limit: what one POST per notification could reach with no Kafka, dedupe or signing"));
        final Delivery batched = deliver(context, NAME + "-batched", BATCHED, notes);
        rows.add(new ResultRow(NAME, String.format(Locale.ROOT,
                "delivered to a local webhook, %,d notifications, batched", m), "notifications/s", batched.rate(),
                "bare consumer, same topic, does nothing", batched.baseline().rate(), Target.ratioAtLeast(0.3),
                "NOTIFY_WEBHOOK_BATCH_MAX=" + BATCHED.get("NOTIFY_WEBHOOK_BATCH_MAX") + ", NOTIFY_MAX_IN_FLIGHT="
                + BATCHED.get("NOTIFY_MAX_IN_FLIGHT") + ", NOTIFY_MAX_POLL_RECORDS="
                + BATCHED.get("NOTIFY_MAX_POLL_RECORDS") + " (the high-volume settings of the consumers README)"));
        rows.add(new ResultRow(NAME, "webhook delivery contract alone (decode, render, sign, POST batches of "
                + BATCHED.get("NOTIFY_WEBHOOK_BATCH_MAX") + ")", "notifications/s", batched.contract(),
                "bare consumer, same topic, does nothing", batched.baseline().rate(), Target.none(),
                "what any webhook dispatcher must do per record, with no dedupe, settlement records, commits or "
                + "retries: a ceiling for the batched row above"));
        rows.add(new ResultRow(NAME, "batched dispatcher vs the delivery contract alone", "notifications/s",
                batched.rate(), "delivery contract alone, same run", batched.contract(), Target.none(),
                "what dedupe, settlement records and commits after the outcome cost"));
        rows.add(ResultRow.alone(NAME, "duplicate webhook deliveries", "events",
                single.duplicates() + batched.duplicates(), Target.atMost(0, "events"),
                "event ids received more than once, both runs"));
        rows.add(single.rss());
        return new WorkloadResult(rows, List.of(new Chart("notifications-over-time",
                "Notifications delivered per second (webhook answering at once)", "second since first delivery",
                "notifications/s", false, List.of(LatencySweep.timeline("one per POST", single.timeline(), false),
                        LatencySweep.timeline("batched", batched.timeline(), false)))), notes);
    }

    /** One measured run: its own cluster, M preloaded notifications, the bare consumer, then the dispatcher. */
    private record Delivery(BareResult baseline, double contract, double rate, long duplicates, List<Long> timeline,
                            ResultRow rss, LoadResult rawHttp) {
    }

    private static Delivery deliver(final WorkloadContext context, final String clusterName,
                                    final Map<String, String> settings, final List<String> notes) {
        final long m = context.options().notifications();
        try (LocalCluster cluster = context.cluster(clusterName); WebhookSink sink = new WebhookSink()) {
            final Instant at = Instant.now();
            Preload.records(cluster.kafka(), cluster.topics().notifications().valueSerde().serializer(), m,
                    i -> new ProducerRecord<>(Topics.NOTIFICATIONS, "order-" + i,
                            SampleData.notification("bench-event-" + i, i, at)), context.progress(),
                    "preload " + m + " notifications");

            final ChildSpec bareSpec = cluster.baseline("bare-consumer", "bare-consumer", Ports.free(), Map.of(
                    "BARE_TOPIC", Topics.NOTIFICATIONS,
                    "BARE_EXPECTED", Long.toString(m),
                    "BARE_GROUP_ID", "bench-bare-consumer"));
            final ChildSpec bareNoHealth = new ChildSpec(bareSpec.name(), bareSpec.mainClass(), bareSpec.args(),
                    bareSpec.env(), bareSpec.jvm(), bareSpec.logFile(), Optional.empty());
            context.progress().begin("bare consumer");
            final ChildProcess bare = cluster.children().start(bareNoHealth);
            if (!bare.awaitExit(Awaiting.bound(m, 100))) {
                bare.kill();
            }
            final BareResult baseline = BareResult.parse(bareNoHealth);
            context.progress().done(String.format(Locale.ROOT, "%,.0f records/s", baseline.rate()));
            final double contract = settings.isEmpty() ? Double.NaN : contract(context, cluster, m, notes);

            final Map<String, String> env = new TreeMap<>(settings);
            env.put("NOTIFY_CHANNEL", "webhook");
            env.put("NOTIFY_WEBHOOK_URL", sink.url().toString());
            env.put("NOTIFY_WEBHOOK_SECRET", "bench-webhook-secret");
            env.put("NOTIFY_GROUP_ID", "bench-dispatcher");
            final ChildProcess dispatcher = cluster.startReady(cluster.service("notifications", "notifications",
                    Ports.free(), env), WorkloadContext.READY_TIMEOUT);
            if (!Awaiting.count(context.progress(), "webhook deliveries (" + clusterName + ")", sink::distinctEvents,
                    m, Awaiting.bound(m, 20))) {
                notes.add(clusterName + ": only " + sink.distinctEvents() + " of " + m + " delivered in time");
            }
            final ResultRow rss = Rows.rss(NAME, dispatcher, "bare consumer", bare, Target.none());
            dispatcher.stop(Duration.ofSeconds(30));
            final double rate = sink.rate();
            final long duplicates = sink.deliveries() - sink.distinctEvents();
            final List<Long> timeline = sink.perSecond();
            // Last: the raw POSTs go to the same sink and would count as deliveries.
            final LoadResult raw = settings.isEmpty() ? rawHttp(context, sink) : null;
            return new Delivery(baseline, contract, rate, duplicates, timeline, rss, raw);
        }
    }

    /** The delivery contract alone, into a sink of its own: the rate between its first and last batch arriving. */
    private static double contract(final WorkloadContext context, final LocalCluster cluster, final long m,
                                   final List<String> notes) {
        try (WebhookSink sink = new WebhookSink()) {
            final ChildSpec spec = cluster.baseline("webhook-contract", "webhook-contract", Ports.free(), Map.of(
                    "CONTRACT_TOPIC", Topics.NOTIFICATIONS,
                    "CONTRACT_EXPECTED", Long.toString(m),
                    "CONTRACT_GROUP_ID", "bench-webhook-contract",
                    "CONTRACT_URL", sink.url().toString(),
                    "CONTRACT_BATCH", BATCHED.get("NOTIFY_WEBHOOK_BATCH_MAX"),
                    "CONTRACT_MAX_POLL_RECORDS", BATCHED.get("NOTIFY_MAX_POLL_RECORDS")));
            final ChildSpec noHealth = new ChildSpec(spec.name(), spec.mainClass(), spec.args(), spec.env(),
                    spec.jvm(), spec.logFile(), Optional.empty());
            context.progress().begin("webhook delivery contract alone");
            final ChildProcess child = cluster.children().start(noHealth);
            if (!child.awaitExit(Awaiting.bound(m, 20))) {
                child.kill();
            }
            if (sink.distinctEvents() < m) {
                notes.add("webhook contract: only " + sink.distinctEvents() + " of " + m + " delivered; see "
                        + spec.logFile());
            }
            context.progress().done(String.format(Locale.ROOT, "%,.0f notifications/s", sink.rate()));
            return sink.rate();
        }
    }

    /** Closed-loop POSTs of a webhook-sized body to the sink: the delivery ceiling of this machine and sink. */
    private static LoadResult rawHttp(final WorkloadContext context, final WebhookSink sink) {
        final HttpRequestBytes request = HttpRequestBytes.json("POST", "127.0.0.1:" + sink.url().getPort(), "/hook",
                Map.of("X-Signature", "sha256=0"), "{\"eventId\":\"raw\",\"orderId\":\"order-1\","
                        + "\"customerId\":\"c-1\",\"kind\":\"ORDER_CONFIRMED\",\"reasonCode\":null,"
                        + "\"reasonMessage\":null,\"currency\":\"EUR\",\"totalMinor\":3490,"
                        + "\"requestedAt\":\"2031-01-01T00:00:00Z\"}");
        final LoadGenerator generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", sink.url().getPort()),
                context.progress());
        generator.closedLoop("warm-up raw webhook POSTs", IN_FLIGHT, context.options().warmUp(), i -> request);
        return generator.closedLoop("raw webhook POSTs, " + IN_FLIGHT + " connections", IN_FLIGHT,
                context.options().run(), i -> request);
    }

    /** The bare consumer's result line. */
    private record BareResult(long records, long firstBatch, long firstNanos, long lastNanos) {

        static BareResult parse(final ChildSpec spec) {
            try {
                return Files.readAllLines(spec.logFile()).stream().filter(l -> l.startsWith("BARE-CONSUMER "))
                        .reduce((a, b) -> b).map(BareResult::fields).orElseThrow(() -> new IllegalStateException(
                                "The bare consumer printed no result; see " + spec.logFile()));
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static BareResult fields(final String line) {
            final Map<String, Long> values = new HashMap<>();
            for (final String part : line.substring("BARE-CONSUMER ".length()).split(" ")) {
                final String[] kv = part.split("=");
                values.put(kv[0], Long.parseLong(kv[1]));
            }
            return new BareResult(values.get("records"), values.get("firstBatch"), values.get("firstNanos"),
                    values.get("lastNanos"));
        }

        double rate() {
            final long span = lastNanos - firstNanos;
            return span <= 0 ? 0 : (records - firstBatch) / (span / 1e9);
        }
    }
}
