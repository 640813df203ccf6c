package dev.orderpipeline.bench.cluster;

import dev.orderpipeline.bench.process.ChildClasspath;
import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.process.ChildSpec;
import dev.orderpipeline.bench.process.Children;
import dev.orderpipeline.bench.process.JvmOptions;
import dev.orderpipeline.bench.process.Ports;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.kafka.TopicAdmin;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.registry.SchemaRegistryServerConfig;
import dev.orderpipeline.schemas.TopicSpec;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh pipeline cluster under one work directory: broker process, registry (in this JVM: it is only consulted
 * when a client first meets a schema, so it costs nothing during measurements), the pipeline topics, and helpers to
 * launch services and baselines as child processes configured for it. Closing it stops every child it started.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final Children children;
    private final BrokerNode broker;
    private final SchemaRegistryServer registry;
    private final KafkaSettings kafka;
    private final Topics topics;

    /**
     * How the cluster is laid out.
     *
     * @param workDir    data, state directories and logs of this cluster; must be new or reusable
     * @param partitions partitions of every pipeline topic
     * @param serviceJvm JVM options of service and baseline processes
     * @param brokerJvm  JVM options of the broker
     * @param classpath  class path of child JVMs
     */
    public record Settings(Path workDir, int partitions, JvmOptions serviceJvm, JvmOptions brokerJvm,
                           ChildClasspath classpath) {
    }

    private LocalCluster(final Settings settings, final Children children, final BrokerNode broker,
                         final SchemaRegistryServer registry) {
        this.settings = settings;
        this.children = children;
        this.broker = broker;
        this.registry = registry;
        this.kafka = KafkaSettings.of(broker.bootstrapServers(), registry.url());
        this.topics = Topics.create(kafka.serdeConfig());
    }

    /** Starts the broker and the registry and creates the pipeline topics. */
    public static LocalCluster start(final Settings settings) {
        final Children children = new Children(settings.workDir(), settings.classpath());
        SchemaRegistryServer registry = null;
        try {
            final BrokerNode broker = BrokerNode.start(children, settings.workDir().resolve("kafka"), Ports.free(),
                    Ports.free(), settings.brokerJvm(), settings.workDir().resolve("logs/broker.log"));
            registry = SchemaRegistryServer.start(SchemaRegistryServerConfig.onPort(Ports.free()),
                    new InMemorySchemaRegistry());
            final LocalCluster cluster = new LocalCluster(settings, children, broker, registry);
            cluster.createTopics(Topics.specs(), settings.partitions());
            LOG.info("Cluster up: Kafka {}, registry {}", broker.bootstrapServers(), registry.url());
            return cluster;
        } catch (final RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            children.close();
            throw e;
        }
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    /** Topics with serdes on this cluster's registry (owned by the cluster; do not close). */
    public Topics topics() {
        return topics;
    }

    public BrokerNode broker() {
        return broker;
    }

    public Children children() {
        return children;
    }

    public Path workDir() {
        return settings.workDir();
    }

    public int partitions() {
        return settings.partitions();
    }

    /** Creates topics that do not exist yet (never-expiring, not compacted). */
    public void createTopics(final int partitions, final String... names) {
        createTopics(Arrays.stream(names).map(n -> new TopicSpec(n, false, -1)).toList(), partitions);
    }

    private void createTopics(final List<TopicSpec> specs, final int partitions) {
        TopicAdmin.ensureTopics(kafka.clientConfig(), specs, partitions, (short) 1, TOPIC_TIMEOUT);
    }

    /**
     * The environment every service of this cluster needs: where Kafka and the registry are, its HTTP port, the
     * local security profile (development API key accepted), and a loopback address for peers to call it back.
     */
    public Map<String, String> serviceEnv(final int httpPort) {
        final Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", kafka.schemaRegistryUrl());
        env.put("SECURITY_PROFILE", "local");
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("HTTP_ADVERTISED_HOST", "127.0.0.1");
        return env;
    }

    /** A spec for one of the deployable's service roles, ready at {@code /health/ready} on {@code httpPort}. */
    public ChildSpec service(final String name, final String role, final int httpPort, final Map<String, String> extra) {
        return child(name, ClusterRoles.LAUNCHER, List.of(role), httpPort, extra);
    }

    /** A spec for one of the harness's baseline roles (see {@code BaselineMain}). */
    public ChildSpec baseline(final String name, final String role, final int httpPort,
                              final Map<String, String> extra) {
        return child(name, ClusterRoles.BASELINE, List.of(role), httpPort, extra);
    }

    private ChildSpec child(final String name, final String mainClass, final List<String> args, final int httpPort,
                            final Map<String, String> extra) {
        final Map<String, String> env = serviceEnv(httpPort);
        env.putAll(extra);
        return new ChildSpec(name, mainClass, args, env, settings.serviceJvm(), logFile(name),
                Optional.of(URI.create("http://127.0.0.1:" + httpPort + "/health/ready")));
    }

    /** Where a child's output goes. */
    public Path logFile(final String name) {
        return settings.workDir().resolve("logs").resolve(name + ".log");
    }

    /** A state directory for one instance, under the work directory. */
    public Path stateDir(final String name) {
        return settings.workDir().resolve("state").resolve(name).toAbsolutePath();
    }

    /** Starts a child and waits until it is ready. */
    public ChildProcess startReady(final ChildSpec spec, final Duration timeout) {
        final ChildProcess child = children.start(spec);
        child.awaitReady(timeout);
        return child;
    }

    @Override
    public void close() {
        children.close();
        topics.close();
        registry.close();
    }
}
