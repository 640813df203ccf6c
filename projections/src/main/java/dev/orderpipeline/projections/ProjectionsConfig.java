package dev.orderpipeline.projections;

import dev.orderpipeline.platform.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of the projections service, parsed once in {@code main} (or by the local stack) and passed down.
 *
 * @param applicationId     Streams application id ({@code PROJECTIONS_APPLICATION_ID}, default
 *                          {@value #DEFAULT_APPLICATION_ID}); every instance of one deployment uses the same id
 * @param stateDir          local state directory ({@code PROJECTIONS_STATE_DIR}, default {@code data/projections});
 *                          never shared between instances
 * @param replicationFactor replication of internal topics ({@code PROJECTIONS_REPLICATION_FACTOR}, default 1)
 * @param zone              time zone that decides an order's sales month ({@code SALES_TIME_ZONE}, default UTC)
 * @param httpHost          host name other instances reach this one at ({@code HTTP_ADVERTISED_HOST}, default localhost)
 * @param httpPort          HTTP port of this instance ({@code HTTP_PORT}, default 8080); 0 (a random port) only
 *                          works for a single instance, since no other instance could forward to it
 * @param streamThreads     Streams threads ({@code PROJECTIONS_STREAM_THREADS}, default 1)
 * @param standbyReplicas   {@code num.standby.replicas} ({@code PROJECTIONS_STANDBY_REPLICAS}); by default 1 when
 *                          {@code PROJECTIONS_INSTANCES} (the number of instances deployed, default 1) is at least 2,
 *                          else 0 — a standby on a single instance could never be placed
 * @param queries           how queries are served across instances
 */
public record ProjectionsConfig(String applicationId, Path stateDir, int replicationFactor, ZoneId zone,
                                String httpHost, int httpPort, int streamThreads, int standbyReplicas,
                                QuerySettings queries) {

    /**
     * The default application id. A topology change that alters what existing state means cannot be applied to old
     * state: give such a release a new id (e.g. {@code order-projections-v2}), which makes a new consumer group that
     * rebuilds every store exactly from {@code order-status}, kept for ever for this reason.
     */
    public static final String DEFAULT_APPLICATION_ID = "order-projections";

    public ProjectionsConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(queries, "queries");
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("HTTP_PORT must be a port (0-65535), not " + httpPort);
        }
        if (streamThreads < 1 || standbyReplicas < 0 || replicationFactor < 1) {
            throw new IllegalArgumentException("Need streamThreads >= 1, standbyReplicas >= 0, replicationFactor >= 1");
        }
    }

    public static ProjectionsConfig from(final Env env) {
        final int instances = env.integer("PROJECTIONS_INSTANCES", 1);
        return new ProjectionsConfig(
                env.string("PROJECTIONS_APPLICATION_ID", DEFAULT_APPLICATION_ID),
                Path.of(env.string("PROJECTIONS_STATE_DIR", "data/projections")),
                env.integer("PROJECTIONS_REPLICATION_FACTOR", 1),
                ZoneId.of(env.string("SALES_TIME_ZONE", "UTC")),
                env.string("HTTP_ADVERTISED_HOST", "localhost"),
                env.integer("HTTP_PORT", 8080),
                env.integer("PROJECTIONS_STREAM_THREADS", 1),
                env.integer("PROJECTIONS_STANDBY_REPLICAS", instances >= 2 ? 1 : 0),
                QuerySettings.from(env));
    }

    /** The {@code application.server} value: where other instances send queries for keys this one owns. */
    public String applicationServer() {
        return httpHost + ":" + httpPort;
    }

    /**
     * How queries are served.
     *
     * @param serveFromStandby   answer from a local standby (or restoring) copy when the active one is unreachable
     *                           ({@code PROJECTIONS_SERVE_FROM_STANDBY}, default true); the response then says so
     * @param maxStandbyLag      largest changelog lag, in records, a standby answer may have
     *                           ({@code PROJECTIONS_MAX_STANDBY_LAG}, default 10000); beyond it: 503
     * @param peerConnectTimeout connect timeout to other instances ({@code PROJECTIONS_PEER_CONNECT_TIMEOUT}, 500ms)
     * @param peerTimeout        whole-request timeout to other instances, on top of any long-poll wait
     *                           ({@code PROJECTIONS_PEER_TIMEOUT}, default 2s)
     * @param retryAfter         {@code Retry-After} of 503 answers ({@code PROJECTIONS_RETRY_AFTER}, default 1s)
     * @param defaultLongPoll    wait of {@code waitFor=terminal} without {@code timeout}
     *                           ({@code PROJECTIONS_LONG_POLL_DEFAULT}, default 5s)
     * @param maxLongPoll        longest wait a client may ask for ({@code PROJECTIONS_LONG_POLL_MAX}, default 30s)
     * @param maxWaiters         long-polls waiting at once on this instance before new ones get 503
     *                           ({@code PROJECTIONS_MAX_WAITERS}, default 1000)
     * @param peerScheme         how to reach other instances: {@code http}, or {@code https} when they serve TLS
     *                           ({@code PROJECTIONS_PEER_SCHEME}; default {@code https} if {@code HTTP_TLS_KEYSTORE}
     *                           is set, else {@code http}); their certificates must be trusted by this JVM
     */
    public record QuerySettings(boolean serveFromStandby, long maxStandbyLag, Duration peerConnectTimeout,
                                Duration peerTimeout, Duration retryAfter, Duration defaultLongPoll,
                                Duration maxLongPoll, int maxWaiters, String peerScheme) {

        public QuerySettings {
            Objects.requireNonNull(peerConnectTimeout, "peerConnectTimeout");
            Objects.requireNonNull(peerTimeout, "peerTimeout");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(defaultLongPoll, "defaultLongPoll");
            Objects.requireNonNull(maxLongPoll, "maxLongPoll");
            if (!"http".equals(peerScheme) && !"https".equals(peerScheme)) {
                throw new IllegalArgumentException("PROJECTIONS_PEER_SCHEME must be http or https, not " + peerScheme);
            }
            if (maxStandbyLag < 0 || maxWaiters < 0 || defaultLongPoll.compareTo(maxLongPoll) > 0
                    || peerConnectTimeout.isNegative() || peerConnectTimeout.isZero() || peerTimeout.isNegative()
                    || peerTimeout.isZero()) {
                throw new IllegalArgumentException("Invalid query settings: " + this);
            }
        }

        public static QuerySettings from(final Env env) {
            return new QuerySettings(
                    env.bool("PROJECTIONS_SERVE_FROM_STANDBY", true),
                    env.longValue("PROJECTIONS_MAX_STANDBY_LAG", 10_000),
                    env.duration("PROJECTIONS_PEER_CONNECT_TIMEOUT", Duration.ofMillis(500)),
                    env.duration("PROJECTIONS_PEER_TIMEOUT", Duration.ofSeconds(2)),
                    env.duration("PROJECTIONS_RETRY_AFTER", Duration.ofSeconds(1)),
                    env.duration("PROJECTIONS_LONG_POLL_DEFAULT", Duration.ofSeconds(5)),
                    env.duration("PROJECTIONS_LONG_POLL_MAX", Duration.ofSeconds(30)),
                    env.integer("PROJECTIONS_MAX_WAITERS", 1000),
                    env.string("PROJECTIONS_PEER_SCHEME", env.get("HTTP_TLS_KEYSTORE").isPresent() ? "https" : "http"));
        }
    }
}
