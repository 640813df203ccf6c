package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.BenchOptions;
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
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Issue 7: notifications delivered per second by the dispatcher ({@code Launcher notifications}, webhook channel)
 * to a local webhook that answers at once, next to a bare consumer reading the same topic and doing nothing. Both
 * read the same M preloaded notifications in groups of their own; both rates are taken between the first and the
 * last record handled, so start-up and group join are left out of both.
 */
public final class NotificationWorkload implements Workload {

    private static final String NAME = "notifications";
    private static final String PENDING = "dev.orderpipeline.consumers.NotificationMain";
    /** The dispatcher's default {@code NOTIFY_MAX_IN_FLIGHT}. */
    private static final int IN_FLIGHT = 64;

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
        final BenchOptions options = context.options();
        final long m = options.notifications();
        try (LocalCluster cluster = context.cluster(NAME); WebhookSink sink = new WebhookSink()) {
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

            final ChildProcess dispatcher = cluster.startReady(cluster.service("notifications", "notifications",
                    Ports.free(), Map.of(
                            "NOTIFY_CHANNEL", "webhook",
                            "NOTIFY_WEBHOOK_URL", sink.url().toString(),
                            "NOTIFY_WEBHOOK_SECRET", "bench-webhook-secret",
                            "NOTIFY_GROUP_ID", "bench-dispatcher")), WorkloadContext.READY_TIMEOUT);
            final List<String> notes = new ArrayList<>();
            if (!Awaiting.count(context.progress(), "webhook deliveries", sink::distinctEvents, m,
                    Awaiting.bound(m, 20))) {
                notes.add("notifications: only " + sink.distinctEvents() + " of " + m + " delivered in time");
            }
            final long duplicates = sink.requests() - sink.distinctEvents();
            final double delivered = sink.rate();
            final List<Long> timeline = sink.perSecond();
            final List<ResultRow> rows = new ArrayList<>();
            rows.add(new ResultRow(NAME, String.format(Locale.ROOT, "delivered to a local webhook, %,d notifications", m),
                    "notifications/s", delivered, "bare consumer, same topic, does nothing", baseline.rate(),
                    Target.ratioAtLeast(0.3), "first to last record handled; webhook answers 204 at once"));
            rows.add(ResultRow.alone(NAME, "duplicate webhook deliveries", "requests", duplicates,
                    Target.atMost(0, "requests"), "requests for an event id already delivered"));
            rows.add(Rows.rss(NAME, dispatcher, "bare consumer", bare, Target.none()));
            dispatcher.stop(Duration.ofSeconds(30));
            final LoadResult raw = rawHttp(context, sink);
            rows.add(1, new ResultRow(NAME, "delivered to a local webhook vs the webhook's own capacity",
                    "notifications/s", delivered, "raw POSTs of a webhook body to the same sink, " + IN_FLIGHT
                    + " connections", raw.throughput(), Target.none(), "the HTTP ceiling at the dispatcher's "
                    + "default in-flight limit: what delivery could reach with no Kafka, dedupe or signing"));
            return new WorkloadResult(rows, List.of(new Chart("notifications-over-time",
                    "Notifications delivered per second (webhook answering at once)", "second since first delivery",
                    "notifications/s", false, List.of(LatencySweep.timeline("dispatcher", timeline, false)))),
                    notes);
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
