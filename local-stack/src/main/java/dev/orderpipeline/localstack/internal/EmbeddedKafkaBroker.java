package dev.orderpipeline.localstack.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) running inside this JVM, with its data under a
 * directory of its own so that a restart keeps every topic. The first start formats the storage the way
 * {@code kafka-storage.sh format --standalone} does; later starts reuse it.
 *
 * <p>Single-node settings: internal topics (offsets, transactions, share state) with one replica and
 * {@code min.insync.replicas=1}, so consumer groups and exactly-once transactions work; no group rebalance delay.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final boolean freshlyFormatted;

    private EmbeddedKafkaBroker(final KafkaRaftServer server, final String bootstrapServers, final boolean fresh) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.freshlyFormatted = fresh;
    }

    /**
     * Formats the data directory if needed and starts the broker.
     *
     * @param dataDir        where logs and metadata live; created if missing
     * @param port           client listener port on localhost
     * @param controllerPort KRaft controller listener port on localhost
     */
    public static EmbeddedKafkaBroker start(final Path dataDir, final int port, final int controllerPort) {
        try {
            Files.createDirectories(dataDir);
            final Path logDir = dataDir.resolve("logs");
            final Properties props = properties(logDir, port, controllerPort);
            final Path configFile = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                props.store(out, "Written by the local stack on every start; edit LocalStackConfig instead");
            }
            final boolean fresh = !Files.exists(logDir.resolve("meta.properties"));
            if (fresh) {
                format(configFile);
            }
            final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            final String bootstrap = "localhost:" + port;
            LOG.info("Kafka broker up at {} (data in {}{})", bootstrap, dataDir.toAbsolutePath(), fresh ? ", new" : "");
            return new EmbeddedKafkaBroker(server, bootstrap, fresh);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    private static Properties properties(final Path logDir, final int port, final int controllerPort) {
        final Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
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
        props.put("unstable.api.versions.enable", "false");
        return props;
    }

    private static void format(final Path configFile) {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int code = StorageTool.execute(new String[] {
                "format", "--config", configFile.toString(), "--cluster-id", Uuid.randomUuid().toString(), "--standalone"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed (" + code + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
        LOG.debug("Formatted Kafka storage: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** True when this start created the storage (first run on this data directory). */
    public boolean freshlyFormatted() {
        return freshlyFormatted;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
