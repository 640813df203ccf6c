package dev.orderpipeline.projections.testing;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
import dev.orderpipeline.projections.CustomerAccess;
import dev.orderpipeline.projections.ProjectionsConfig;
import dev.orderpipeline.projections.ProjectionsService;
import dev.orderpipeline.projections.internal.query.PeerClient;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.testsupport.KafkaCluster;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One projections instance as a process would run it — {@link ProjectionsService} plus its own Javalin server on
 * its own port — so several can share a JVM and a broker with distinct state directories and ports.
 */
public final class ProjectionsInstance implements AutoCloseable {

    private final ProjectionsService service;
    private final List<String> accessChecks;
    private final Metrics metrics;
    private final Topics topics;
    private final int port;
    private Javalin http;
    private boolean closed;

    private ProjectionsInstance(final ProjectionsService service, final List<String> accessChecks,
                                final Metrics metrics, final Topics topics, final int port) {
        this.service = service;
        this.accessChecks = accessChecks;
        this.metrics = metrics;
        this.topics = topics;
        this.port = port;
        startHttp();
    }

    /**
     * Starts an instance of application {@code applicationId} on a free port.
     *
     * @param settings more {@code PROJECTIONS_*} settings, e.g. {@code PROJECTIONS_SERVE_FROM_STANDBY=false}
     */
    public static ProjectionsInstance start(final KafkaCluster kafka, final String applicationId,
                                            final String registryUrl, final Map<String, String> settings) {
        final int port = freePort();
        final Map<String, String> env = new HashMap<>(Map.of(
                "PROJECTIONS_APPLICATION_ID", applicationId,
                "PROJECTIONS_STATE_DIR", kafka.streamsStateDir().toString(),
                "PROJECTIONS_INSTANCES", "2",
                "HTTP_ADVERTISED_HOST", "localhost",
                "HTTP_PORT", Integer.toString(port)));
        env.putAll(settings);
        final KafkaSettings kafkaSettings = KafkaSettings.of(kafka.bootstrapServers(), registryUrl);
        final Topics topics = Topics.create(kafkaSettings.serdeConfig());
        final Metrics metrics = new Metrics("projections-it");
        final List<String> accessChecks = new CopyOnWriteArrayList<>();
        final CustomerAccess recordingAccess = (ctx, customerId) -> accessChecks.add(customerId + " by "
                + ctx.header("X-API-Key") + (ctx.header(PeerClient.FORWARDED_BY) == null ? "" : " (forwarded)"));
        final ProjectionsService service = ProjectionsService.start(ProjectionsConfig.from(new Env(env)), kafkaSettings,
                topics, metrics.registry(), recordingAccess);
        return new ProjectionsInstance(service, accessChecks, metrics, topics, port);
    }

    /** Serves HTTP again on the same port after {@link #stopHttp()}. */
    public void startHttp() {
        http = HttpServer.create(JsonMappers.create(), new Health(List.of(service.readiness())), metrics,
                List.of(service::routes)).start(port);
    }

    /** Stops answering HTTP while Streams keeps running: the instance still owns its partitions but is unreachable. */
    public void stopHttp() {
        http.stop();
    }

    public String url(final String pathAndQuery) {
        return "http://localhost:" + port + pathAndQuery;
    }

    public HostInfo hostInfo() {
        return new HostInfo("localhost", port);
    }

    public ProjectionsService service() {
        return service;
    }

    /**
     * The customer checks this instance's {@link CustomerAccess} was asked for, as
     * {@code "<customerId> by <X-API-Key>[ (forwarded)]"}.
     */
    public List<String> accessChecks() {
        return List.copyOf(accessChecks);
    }

    /** Long-polls waiting on this instance now. */
    public double waitingLongPolls() {
        return metrics.registry().get("projections.long.polls").gauge().value();
    }

    /** Stops HTTP and Streams (leaving the group); closing again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop();
        service.close();
        topics.close();
        metrics.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
