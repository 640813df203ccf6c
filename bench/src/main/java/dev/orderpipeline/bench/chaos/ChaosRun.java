package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.bench.cluster.LocalCluster;
import dev.orderpipeline.bench.load.Progress;
import dev.orderpipeline.bench.measure.ArrivalWatcher;
import dev.orderpipeline.bench.process.Waits;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run from start to verdict:
 * <ol>
 *   <li>a fresh cluster (broker process, registry, topics) and the services, each in its own process;</li>
 *   <li>tight stock and funds set on {@code inventory} and {@code accounts};</li>
 *   <li>the load ({@link OrderTraffic}) while the {@link ChaosMonkey} kills instances and restarts the broker;</li>
 *   <li>every instance brought back, then a wait until every acknowledged order has its decision; a few confirmed
 *       orders cancelled (reversals), and a wait until the status topic has gone quiet;</li>
 *   <li>the topics read back, the query API asked, and the {@link Audit}.</li>
 * </ol>
 * The report is also written to {@code <workDir>/chaos-report.txt}.
 */
public final class ChaosRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration VIEWS_SETTLE = Duration.ofMinutes(2);
    /** Confirmed orders cancelled after the load, so that every audit sees reversals. */
    private static final int REVERSALS = 25;

    private ChaosRun() {
    }

    public static AuditReport run(final ChaosSettings settings, final Progress progress) {
        final String runId = "chaos-" + Long.toHexString(settings.seed() & 0xFFFFFFL);
        LOG.info("Chaos run {} with seed {}: {}", runId, settings.seed(), settings);
        final TrafficLedger ledger = new TrafficLedger();
        try (ChaosCluster cluster = new ChaosCluster(LocalCluster.start(new LocalCluster.Settings(settings.workDir(),
                settings.partitions(), settings.serviceJvm(), settings.brokerJvm(), settings.classpath())),
                settings.ingestInstances())) {
            final LocalCluster base = cluster.cluster();
            final Set<String> decided = ConcurrentHashMap.newKeySet();
            final Set<String> confirmed = ConcurrentHashMap.newKeySet();
            final Set<String> reversed = ConcurrentHashMap.newKeySet();
            try (OrderTraffic traffic = new OrderTraffic(settings, base.kafka(), base.topics(),
                    cluster.of(ChaosCluster.Kind.INGEST).stream().map(i -> "127.0.0.1:" + i.port()).toList(),
                    ledger, runId, progress);
                 ArrivalWatcher<OrderStatusChanged> statuses = ArrivalWatcher.start(base.kafka(),
                         Topics.ORDER_STATUS, base.topics().orderStatus().valueSerde().deserializer(), true, r -> {
                             if (Audit.isDecision(r.value())) {
                                 decided.add(r.key());
                             }
                             if (r.value().getStatus() == OrderStatus.CONFIRMED) {
                                 confirmed.add(r.key());
                             }
                             if (Audit.isReversal(r.value())) {
                                 reversed.add(r.key());
                             }
                             return Optional.of(new ArrivalWatcher.Arrival(r.key(), 0));
                         })) {
                progress.begin("seed stock and funds, start services");
                traffic.seed();
                cluster.startAll();
                progress.done("all instances ready");

                final ChaosMonkey monkey = new ChaosMonkey(settings, cluster);
                monkey.start();
                traffic.run();
                final List<String> events = new ArrayList<>(monkey.stop());
                progress.begin("bring every instance back");
                cluster.healAll();
                progress.done("ready");

                final Set<String> acked = ledger.acknowledged();
                final boolean drained = awaitDecisions(progress, acked, decided, settings.drainTimeout());
                final List<String> toReverse = confirmed.stream().filter(acked::contains)
                        .filter(id -> !reversed.contains(id)).sorted().limit(REVERSALS).toList();
                progress.begin("cancel " + toReverse.size() + " confirmed orders");
                traffic.cancelConfirmed(toReverse);
                Waits.within(settings.drainTimeout(), Duration.ofMillis(500), () -> reversed.containsAll(toReverse));
                progress.done(String.format(Locale.ROOT, "%,d reversals seen", reversed.size()));
                awaitQuiet(progress, statuses);
                if (!drained) {
                    events.add("drain timed out: some acknowledged orders had no decision after "
                            + settings.drainTimeout().toSeconds() + " s");
                }

                progress.begin("read topics and query API");
                final TopicSnapshot snapshot = TopicSnapshot.read(base.kafka(), base.topics(),
                        ChaosCluster.SAGA_APPLICATION_ID);
                final Set<String> ordered = new HashSet<>(acked);
                final ApiSnapshot api = new QueryApiReader(cluster.of(ChaosCluster.Kind.PROJECTIONS)).read(
                        Audit.expectedSales(Audit.histories(snapshot.statuses())), ordered, VIEWS_SETTLE);
                progress.done(String.format(Locale.ROOT, "%,d status events, %,d orders queried",
                        snapshot.statuses().size(), api.orderStatuses().size()));
                events.add(0, String.format(Locale.ROOT, "seed %d; %,d orders at %.0f/s; %d kills; broker restart %s",
                        settings.seed(), settings.orders(), settings.rate(), monkey.kills(),
                        monkey.brokerRestarted() ? settings.brokerRestart() : "none"));
                final AuditReport report = Audit.evaluate(new Audit.Input(ledger.summary(), snapshot, api, events));
                write(settings, report);
                return report;
            }
        }
    }

    private static boolean awaitDecisions(final Progress progress, final Set<String> acked, final Set<String> decided,
                                          final Duration timeout) {
        progress.begin("decisions for every acknowledged order");
        final boolean done = Waits.within(timeout, Duration.ofMillis(500), () -> {
            final long missing = acked.stream().filter(id -> !decided.contains(id)).count();
            progress.update(1 - missing / (double) Math.max(1, acked.size()), String.format("%,d missing", missing));
            return missing == 0;
        });
        progress.done(done ? "all decided" : "timed out");
        return done;
    }

    /** Waits until no status event arrived for a while: cancellations and reversals have settled. */
    private static void awaitQuiet(final Progress progress, final ArrivalWatcher<?> statuses) {
        progress.begin("status topic quiet");
        final long[] last = {statuses.arrivals(), System.nanoTime()};
        Waits.within(Duration.ofMinutes(2), Duration.ofMillis(250), () -> {
            if (statuses.arrivals() != last[0]) {
                last[0] = statuses.arrivals();
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] >= QUIET.toNanos();
        });
        progress.done(String.format(Locale.ROOT, "%,d status events", statuses.arrivals()));
    }

    private static void write(final ChaosSettings settings, final AuditReport report) {
        try {
            Files.createDirectories(settings.workDir());
            Files.writeString(settings.workDir().resolve("chaos-report.txt"), report.render(),
                    StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
