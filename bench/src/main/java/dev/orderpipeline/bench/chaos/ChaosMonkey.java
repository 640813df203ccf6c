package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.bench.cluster.BrokerNode;
import dev.orderpipeline.bench.process.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crashes things while the load runs: every {@code killEvery} (±30 %) a {@code kill -9} of a random saga or
 * projections instance whose peer is running, restarted after a second or two from the same spec; and once, half-way
 * through the load, the broker. Stops when told to (the load ended) or when it has done every planned kill and the
 * broker restart. Every action is logged as an event for the report.
 */
final class ChaosMonkey {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosMonkey.class);

    private final ChaosSettings settings;
    private final ChaosCluster cluster;
    private final BrokerNode broker;
    private final SplittableRandom random;
    private final List<String> events = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int kills;
    private boolean brokerRestarted;

    ChaosMonkey(final ChaosSettings settings, final ChaosCluster cluster) {
        this.settings = settings;
        this.cluster = cluster;
        this.broker = cluster.cluster().broker();
        this.random = new SplittableRandom(settings.seed() ^ 0xC4A05L);
        this.thread = Thread.ofPlatform().name("chaos-monkey").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Stops after the action in progress; returns the events. */
    List<String> stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofMinutes(5));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    int kills() {
        return kills;
    }

    boolean brokerRestarted() {
        return brokerRestarted;
    }

    private void run() {
        final long start = System.nanoTime();
        final long brokerAt = start + settings.loadDuration().toNanos() / 2;
        long nextKill = start + jitter(settings.killEvery());
        try {
            while (running && (kills < settings.kills() || needsBrokerRestart())) {
                final long now = System.nanoTime();
                if (needsBrokerRestart() && now >= brokerAt) {
                    restartBroker();
                    nextKill = Math.max(nextKill, System.nanoTime() + jitter(settings.killEvery()) / 2);
                } else if (kills < settings.kills() && now >= nextKill) {
                    killOne();
                    nextKill = System.nanoTime() + jitter(settings.killEvery());
                } else {
                    Waits.pause(Duration.ofMillis(100));
                }
            }
        } catch (final IllegalStateException e) {
            if (running) {
                LOG.error("Chaos monkey stopped early", e);
                event("monkey stopped early: " + e.getMessage());
            }
        }
    }

    private boolean needsBrokerRestart() {
        return settings.brokerRestart() != ChaosSettings.BrokerRestart.NONE && !brokerRestarted;
    }

    private void killOne() {
        final List<ChaosCluster.Instance> candidates = new ArrayList<>();
        for (final ChaosCluster.Kind kind : List.of(ChaosCluster.Kind.SAGA, ChaosCluster.Kind.PROJECTIONS)) {
            final List<ChaosCluster.Instance> peers = cluster.of(kind);
            if (peers.stream().allMatch(i -> i.process().alive())) {
                candidates.addAll(peers);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        final ChaosCluster.Instance victim = candidates.get(random.nextInt(candidates.size()));
        cluster.kill(victim);
        kills++;
        event("kill -9 " + victim.name());
        Waits.pause(Duration.ofMillis(1_000 + random.nextInt(1_000)));
        cluster.restart(victim);
        event("restarted " + victim.name());
    }

    private void restartBroker() {
        if (settings.brokerRestart() == ChaosSettings.BrokerRestart.HARD) {
            broker.kill();
            event("kill -9 broker");
        } else {
            broker.stop();
            event("stopped broker (SIGTERM)");
        }
        Waits.pause(Duration.ofSeconds(2));
        broker.restart();
        brokerRestarted = true;
        event("broker back");
    }

    private long jitter(final Duration every) {
        return (long) (every.toNanos() * (0.7 + 0.6 * random.nextDouble()));
    }

    private void event(final String what) {
        LOG.info("chaos: {}", what);
        synchronized (events) {
            events.add(Instant.now() + " " + what);
        }
    }
}
