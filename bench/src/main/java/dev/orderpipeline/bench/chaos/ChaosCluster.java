package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.bench.cluster.LocalCluster;
import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.process.ChildSpec;
import dev.orderpipeline.bench.process.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of a chaos run, started from the deployable's roles exactly as a multi-process deployment runs them
 * (the same shape as {@code scripts/local-cluster}, without the load balancer and with the registry in the harness):
 * {@code ingest-1..k}, {@code saga-1}, {@code saga-2} (one standby each), {@code projections-1},
 * {@code projections-2}. Every instance keeps its port and state directory across kills, so a restart is the same
 * instance coming back.
 *
 * <p>Consumer groups use a 6 s session timeout (the broker's minimum) so that a killed instance's partitions move
 * within seconds rather than the default 45 s; nothing else differs from the defaults.
 */
final class ChaosCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosCluster.class);
    static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    static final String SAGA_APPLICATION_ID = "chaos-saga";
    static final String PROJECTIONS_APPLICATION_ID = "chaos-projections";

    /** What kind of service an instance is. */
    enum Kind { INGEST, SAGA, PROJECTIONS }

    /** One instance: its spec and its current process. */
    static final class Instance {
        private final Kind kind;
        private final ChildSpec spec;
        private final int port;
        private volatile ChildProcess process;
        private volatile int restarts;

        Instance(final Kind kind, final ChildSpec spec, final int port) {
            this.kind = kind;
            this.spec = spec;
            this.port = port;
        }

        Kind kind() {
            return kind;
        }

        String name() {
            return spec.name();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        int port() {
            return port;
        }

        ChildProcess process() {
            return process;
        }

        int restarts() {
            return restarts;
        }
    }

    private final LocalCluster cluster;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();

    ChaosCluster(final LocalCluster cluster, final int ingestInstances) {
        this.cluster = cluster;
        for (int i = 1; i <= ingestInstances; i++) {
            add(Kind.INGEST, "ingest-" + i, "ingest", Map.of());
        }
        for (int i = 1; i <= 2; i++) {
            add(Kind.SAGA, "saga-" + i, "saga", Map.of(
                    "ORDER_TOPOLOGY_APPLICATION_ID", SAGA_APPLICATION_ID,
                    "ORDER_TOPOLOGY_STATE_DIR", cluster.stateDir("saga-" + i).toString(),
                    "ORDER_TOPOLOGY_STANDBYS", "1"));
            add(Kind.PROJECTIONS, "projections-" + i, "projections", Map.of(
                    "PROJECTIONS_APPLICATION_ID", PROJECTIONS_APPLICATION_ID,
                    "PROJECTIONS_STATE_DIR", cluster.stateDir("projections-" + i).toString(),
                    "PROJECTIONS_INSTANCES", "2"));
        }
    }

    private void add(final Kind kind, final String name, final String role, final Map<String, String> env) {
        final int port = Ports.free();
        final Map<String, String> all = new HashMap<>(env);
        all.put("KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
        all.put("KAFKA_CLIENT_HEARTBEAT_INTERVAL_MS", "1500");
        instances.put(name, new Instance(kind, cluster.service(name, role, port, all), port));
    }

    /** Starts every instance and waits until all are ready. */
    void startAll() {
        instances.values().forEach(this::launch);
        instances.values().forEach(i -> i.process().awaitReady(READY_TIMEOUT));
    }

    private void launch(final Instance instance) {
        instance.process = cluster.children().start(instance.spec);
    }

    /** {@code kill -9} of one instance. */
    void kill(final Instance instance) {
        instance.process().kill();
    }

    /** Starts a killed instance again from its spec (same port, same state directory). */
    void restart(final Instance instance) {
        if (instance.process().alive()) {
            throw new IllegalStateException(instance.name() + " is still running");
        }
        instance.restarts++;
        launch(instance);
    }

    /** Restarts every instance that is not running and waits until all are ready. */
    void healAll() {
        for (final Instance instance : instances.values()) {
            if (!instance.process().alive()) {
                LOG.warn("{} is not running at the end of the load; restarting it", instance.name());
                restart(instance);
            }
        }
        instances.values().forEach(i -> i.process().awaitReady(READY_TIMEOUT));
    }

    List<Instance> all() {
        return List.copyOf(instances.values());
    }

    List<Instance> of(final Kind kind) {
        final List<Instance> result = new ArrayList<>();
        instances.values().stream().filter(i -> i.kind() == kind)
                .sorted(Comparator.comparing(Instance::name)).forEach(result::add);
        return result;
    }

    LocalCluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
