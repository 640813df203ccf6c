package dev.orderpipeline.bench.cluster;

import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.process.ChildSpec;
import dev.orderpipeline.bench.process.Children;
import dev.orderpipeline.bench.process.JvmOptions;
import dev.orderpipeline.bench.process.Waits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one) in a JVM of its own, started through the deployable's
 * {@code broker} role with a {@code server.properties} written here, so that it can be killed and restarted on the
 * same ports and data. The storage is formatted once, like {@code kafka-storage.sh format --standalone}.
 *
 * <p>Settings are those of a one-node cluster that still supports consumer groups and exactly-once transactions:
 * internal topics with one replica and {@code min.insync.replicas=1}, no initial rebalance delay.
 */
public final class BrokerNode {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Children children;
    private final ChildSpec spec;
    private final String bootstrapServers;
    private volatile ChildProcess process;

    private BrokerNode(final Children children, final ChildSpec spec, final String bootstrapServers) {
        this.children = children;
        this.spec = spec;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code dataDir} if it is new, starts the broker and waits until it answers metadata requests.
     *
     * @param port           client listener port on 127.0.0.1
     * @param controllerPort controller listener port on 127.0.0.1
     */
    public static BrokerNode start(final Children children, final Path dataDir, final int port,
                                   final int controllerPort, final JvmOptions jvm, final Path logFile) {
        final Path config = writeConfig(dataDir, port, controllerPort);
        final ChildSpec spec = new ChildSpec("broker", ClusterRoles.LAUNCHER, List.of("broker", config.toString()),
                Map.of(), jvm, logFile, Optional.empty());
        final BrokerNode node = new BrokerNode(children, spec, "127.0.0.1:" + port);
        node.launch();
        return node;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ChildProcess process() {
        return process;
    }

    /** Crashes the broker ({@code SIGKILL}); its data stays for {@link #restart()}. */
    public void kill() {
        process.kill();
    }

    /** Stops the broker cleanly ({@code SIGTERM}: controlled shutdown, logs flushed). */
    public void stop() {
        process.stop(Duration.ofSeconds(60));
    }

    /** Starts the broker again on the same ports and data, and waits until it serves. */
    public void restart() {
        if (process.alive()) {
            throw new IllegalStateException("The broker is still running");
        }
        launch();
    }

    private void launch() {
        process = children.start(spec);
        Waits.until("Kafka at " + bootstrapServers, READY_TIMEOUT, Duration.ofMillis(250), () -> {
            if (!process.alive()) {
                throw new IllegalStateException("The broker exited with status " + process.exitValue() + "; see "
                        + spec.logFile());
            }
            return answers(bootstrapServers);
        });
    }

    private static boolean answers(final String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3_000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (final ExecutionException | TimeoutException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static Path writeConfig(final Path dataDir, final int port, final int controllerPort) {
        try {
            Files.createDirectories(dataDir);
            final Path logDir = dataDir.resolve("logs").toAbsolutePath();
            final Path config = dataDir.resolve("server.properties").toAbsolutePath();
            final Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("num.partitions", "3");
            props.put("auto.create.topics.enable", "false");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "10");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "10");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                props.store(out, "Written by the bench harness (BrokerNode)");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config);
            }
            return config;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot prepare the broker data directory " + dataDir, e);
        }
    }

    private static void format(final Path config) {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int status = kafka.tools.StorageTool.execute(new String[] {"format", "--config", config.toString(),
            "--cluster-id", Uuid.randomUuid().toString(), "--standalone"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed (" + status + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }
}
