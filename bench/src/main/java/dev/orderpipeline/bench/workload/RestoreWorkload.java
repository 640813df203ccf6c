package dev.orderpipeline.bench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.bench.BenchOptions;
import dev.orderpipeline.bench.cluster.LocalCluster;
import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.process.ChildSpec;
import dev.orderpipeline.bench.process.Ports;
import dev.orderpipeline.bench.process.Waits;
import dev.orderpipeline.bench.report.ResultRow;
import dev.orderpipeline.bench.report.Target;
import dev.orderpipeline.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * State restore: a projections instance holding N order keys is restarted twice — once with its local state intact
 * (the baseline: JVM start, rebalance, stores opened from disk) and once after its state directory was wiped, so
 * every store is rebuilt from its changelog topic. Both times are measured from process start to
 * {@code /health/ready} (Streams RUNNING and every store queryable), and the answers are checked afterwards.
 */
public final class RestoreWorkload implements Workload {

    private static final String NAME = "restore";
    private static final String APP_ID = "bench-restore";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WorkloadResult run(final WorkloadContext context) {
        final BenchOptions options = context.options();
        final int n = options.restoreKeys();
        final ObjectMapper json = new ObjectMapper();
        try (LocalCluster cluster = context.cluster(NAME)) {
            final Instant created = Instant.parse("2032-03-15T12:00:00Z");
            Preload.records(cluster.kafka(), cluster.topics().orderStatus().valueSerde().serializer(), 4L * n,
                    record -> {
                        final long order = record / 4;
                        final String id = "r-" + order;
                        return new ProducerRecord<>(Topics.ORDER_STATUS, id,
                                SampleData.confirmedHistory(id, order, created).get((int) (record % 4)));
                    }, context.progress(), "preload " + n + " order histories");
            final int port = Ports.free();
            final ChildSpec spec = cluster.service("projections", "projections", port, Map.of(
                    "PROJECTIONS_APPLICATION_ID", APP_ID,
                    "PROJECTIONS_STATE_DIR", cluster.stateDir("projections").toString(),
                    "PROJECTIONS_INSTANCES", "1"));
            final String base = "http://127.0.0.1:" + port;

            context.progress().begin("build " + n + " keys from order-status");
            final ChildProcess first = cluster.startReady(spec, WorkloadContext.READY_TIMEOUT);
            Waits.until("projections to hold " + n + " orders", Awaiting.bound(4L * n, 200), Duration.ofMillis(250),
                    () -> totalOrders(json, base) == n);
            final double buildSeconds = (System.nanoTime() - first.startedNanos()) / 1e9;
            context.progress().done(String.format(Locale.ROOT, "%.1f s", buildSeconds));
            first.stop(Duration.ofSeconds(60));

            context.progress().begin("restart with local state");
            final ChildProcess warm = cluster.children().start(spec);
            final double warmSeconds = warm.awaitReady(WorkloadContext.READY_TIMEOUT).toMillis() / 1000.0;
            check(json, base, n);
            context.progress().done(String.format(Locale.ROOT, "ready in %.1f s", warmSeconds));
            warm.stop(Duration.ofSeconds(60));

            wipe(cluster.stateDir("projections"));
            final long changelogRecords = changelogRecords(cluster);
            context.progress().begin("restart after wiping local state");
            final ChildProcess cold = cluster.children().start(spec);
            final double coldSeconds = cold.awaitReady(WorkloadContext.READY_TIMEOUT).toMillis() / 1000.0;
            check(json, base, n);
            context.progress().done(String.format(Locale.ROOT, "ready in %.1f s (%,d changelog records)",
                    coldSeconds, changelogRecords));

            final List<ResultRow> rows = new ArrayList<>();
            rows.add(new ResultRow(NAME, String.format(Locale.ROOT, "projections ready after wiping local state, "
                    + "%,d order keys", n), "s", coldSeconds, "restart with local state intact", warmSeconds,
                    Target.none(), String.format(Locale.ROOT, "process start to /health/ready, then every view "
                            + "checked; %,d changelog records restored; the difference to the intact restart is the "
                            + "restore's cost", changelogRecords)));
            rows.add(ResultRow.alone(NAME, "restore speed, lower bound", "records/s", changelogRecords / coldSeconds,
                    Target.none(), "changelog records restored / whole time to ready (JVM start and rebalance "
                            + "included, so the restore itself is faster)"));
            rows.add(ResultRow.alone(NAME, String.format(Locale.ROOT, "initial build from %,d order-status events",
                    4L * n), "s", buildSeconds, Target.none(), "process start until every order is counted"));
            rows.add(Rows.rss(NAME, cold));
            cold.stop(Duration.ofSeconds(60));
            return new WorkloadResult(rows, List.of(), List.of());
        }
    }

    private static long totalOrders(final ObjectMapper json, final String base) {
        final HttpResponse<String> response = SimpleHttp.get(base + "/sales/monthly/2032-03");
        try {
            return response.statusCode() == 200 ? json.readTree(response.body()).path("orders").asLong(-1) : -1;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After a restart the views must answer exactly as before. */
    private static void check(final ObjectMapper json, final String base, final int n) {
        final long total = totalOrders(json, base);
        final HttpResponse<String> last = SimpleHttp.get(base + "/orders/r-" + (n - 1));
        if (total != n || last.statusCode() != 200 || !last.body().contains("\"CONFIRMED\"")) {
            throw new IllegalStateException("After restart the projections answer " + total + " orders (expected "
                    + n + ") and GET /orders/r-" + (n - 1) + " " + last.statusCode());
        }
    }

    private static void wipe(final Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (final Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot wipe " + dir, e);
        }
    }

    private static long changelogRecords(final LocalCluster cluster) {
        try (Admin admin = Admin.create(cluster.kafka().clientConfig())) {
            final Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(APP_ID + "-") && t.endsWith("-changelog")).collect(Collectors.toSet());
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            final Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> {
                        latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
                        earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest());
                    }));
            final long end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset).sum();
            final long start = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset).sum();
            return end - start;
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot count changelog records: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
