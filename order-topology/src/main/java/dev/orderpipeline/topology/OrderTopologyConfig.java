package dev.orderpipeline.topology;

import dev.orderpipeline.platform.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the order saga service, parsed once from the environment in {@code main} (or by the local stack) and
 * passed down.
 *
 * @param applicationId     Streams application id: consumer group and prefix of internal topics
 *                          ({@code ORDER_TOPOLOGY_APPLICATION_ID}, default {@code order-saga}); changing it starts
 *                          the saga from scratch with empty stores
 * @param stateDir          local state directory, never shared between instances ({@code ORDER_TOPOLOGY_STATE_DIR},
 *                          default {@code data/order-saga})
 * @param replicationFactor replication of internal topics ({@code ORDER_TOPOLOGY_REPLICATION_FACTOR}, default 1;
 *                          3 in production)
 * @param numThreads        stream threads ({@code ORDER_TOPOLOGY_THREADS}, default 1)
 * @param standbys          standby replicas of each store, for fast fail-over ({@code ORDER_TOPOLOGY_STANDBYS},
 *                          default 0)
 * @param httpPort          port of the health and metrics endpoints when run on its own ({@code HTTP_PORT}, default
 *                          8080); unused when the local stack hosts the service
 * @param commitInterval    Streams {@code commit.interval.ms} ({@code ORDER_TOPOLOGY_COMMIT_INTERVAL}, default 100ms).
 *                          Under exactly-once an order's answers become visible to the next step only when the
 *                          transaction that wrote them commits, and an order crosses three such commits (requests,
 *                          answers, decision), so end-to-end latency is about four to five intervals; shorter
 *                          intervals cost throughput (every commit writes transaction markers to every partition it
 *                          touched). With the default producer linger (5 ms) intervals below about 50 ms overload a
 *                          small machine; shorter intervals pay off only with a linger as long as the interval (see
 *                          the module README). BENCHMARKS.md has the measured trade-off.
 * @param saga              the validation rules ({@code ORDER_SAGA_*}, see {@link SagaSettings#from})
 */
public record OrderTopologyConfig(String applicationId, Path stateDir, int replicationFactor, int numThreads,
                                  int standbys, int httpPort, Duration commitInterval, SagaSettings saga) {

    public OrderTopologyConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(saga, "saga");
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("ORDER_TOPOLOGY_COMMIT_INTERVAL must be positive, got " + commitInterval);
        }
        if (applicationId.isBlank()) {
            throw new IllegalArgumentException("applicationId must not be blank");
        }
        if (replicationFactor < 1 || numThreads < 1 || standbys < 0) {
            throw new IllegalArgumentException("replicationFactor and numThreads must be at least 1 and standbys at "
                    + "least 0, got " + replicationFactor + ", " + numThreads + ", " + standbys);
        }
    }

    /** The defaults, with the given state directory. */
    public static OrderTopologyConfig defaults(final Path stateDir) {
        return new OrderTopologyConfig("order-saga", stateDir, 1, 1, 0, 8080, Duration.ofMillis(100),
                SagaSettings.defaults());
    }

    public static OrderTopologyConfig from(final Env env) {
        final OrderTopologyConfig d = defaults(Path.of("data/order-saga"));
        return new OrderTopologyConfig(
                env.string("ORDER_TOPOLOGY_APPLICATION_ID", d.applicationId()),
                Path.of(env.string("ORDER_TOPOLOGY_STATE_DIR", d.stateDir().toString())),
                env.integer("ORDER_TOPOLOGY_REPLICATION_FACTOR", d.replicationFactor()),
                env.integer("ORDER_TOPOLOGY_THREADS", d.numThreads()),
                env.integer("ORDER_TOPOLOGY_STANDBYS", d.standbys()),
                env.integer("HTTP_PORT", d.httpPort()),
                env.duration("ORDER_TOPOLOGY_COMMIT_INTERVAL", d.commitInterval()),
                SagaSettings.from(env));
    }

    /** This config with another state directory (each instance needs its own). */
    public OrderTopologyConfig withStateDir(final Path dir) {
        return new OrderTopologyConfig(applicationId, dir, replicationFactor, numThreads, standbys, httpPort,
                commitInterval, saga);
    }

    /** This config with other validation rules. */
    public OrderTopologyConfig withSaga(final SagaSettings settings) {
        return new OrderTopologyConfig(applicationId, stateDir, replicationFactor, numThreads, standbys, httpPort,
                commitInterval, settings);
    }
}
