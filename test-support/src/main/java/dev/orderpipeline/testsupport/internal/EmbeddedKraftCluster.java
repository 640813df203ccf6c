package dev.orderpipeline.testsupport.internal;

import dev.orderpipeline.testsupport.KafkaClusterException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.BrokerState;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One combined broker+controller KRaft node in this JVM, run by Kafka's own test kit
 * ({@link KafkaClusterTestKit}), the harness Kafka's integration tests use.
 *
 * <p><b>Restart keeps the address.</b> The kit binds every listener socket itself before the node starts
 * ({@code PreboundSocketFactoryManager}) and, when a stopped broker starts again, rebinds the same port. Stopping
 * only the broker half of the combined node keeps the controller and its Raft log running, so the restarted broker
 * re-registers with the same cluster and finds its topics. {@link #restartBroker()} checks the port really is the
 * same and fails loudly otherwise, since every client of the shared cluster depends on it.
 */
public final class EmbeddedKraftCluster extends ManagedKafkaCluster {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKraftCluster.class);
    private static final Duration BROKER_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final String BOOTSTRAP_METADATA_SOURCE = "orderpipeline-test-support";

    private final KafkaClusterTestKit kit;
    private final BrokerServer broker;

    private EmbeddedKraftCluster(final KafkaClusterTestKit kit, final BrokerServer broker, final String bootstrapServers) {
        super(bootstrapServers);
        this.kit = kit;
        this.broker = broker;
    }

    /**
     * Formats and starts the node and returns once the broker is registered, unfenced and running.
     *
     * @return the running cluster; the caller owns it and must close it
     * @throws KafkaClusterException if the node does not start
     */
    public static EmbeddedKraftCluster start() {
        final long started = System.nanoTime();
        final Path baseDirectory = createTempDirectory("orderpipeline-kraft-");
        KafkaClusterTestKit kit = null;
        try {
            final TestKitNodes nodes = new TestKitNodes.Builder(releasedBootstrapMetadata())
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDirectory)
                    .build();
            final KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            BrokerSettings.overrides().forEach(builder::setConfigProp);
            kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            final BrokerServer broker = onlyBroker(kit);
            awaitRunning(broker);
            final EmbeddedKraftCluster cluster = new EmbeddedKraftCluster(kit, broker, kit.bootstrapServers());
            log.info("Started in-process KRaft Kafka {} at {} in {} ms (metadata.version {}, data in {})",
                    kafkaVersion(), cluster.bootstrapServers(), elapsedMillis(started),
                    nodes.bootstrapMetadata().metadataVersion(), baseDirectory);
            return cluster;
        } catch (final Exception e) {
            if (kit != null) {
                closeAfterFailedStart(kit);
            }
            deleteQuietly(baseDirectory.toFile());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new KafkaClusterException("Could not start the in-process KRaft Kafka cluster", e);
        }
    }

    @Override
    protected void shutdownBroker() {
        // Only the broker half of the combined node: the controller keeps the cluster's metadata alive.
        broker.shutdown(BROKER_SHUTDOWN_TIMEOUT);
    }

    @Override
    protected void restartBroker() {
        broker.startup();
        awaitRunning(broker);
        try {
            kit.waitForReadyBrokers();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("Interrupted while waiting for the restarted broker to register", e);
        } catch (final ExecutionException e) {
            throw new KafkaClusterException("The restarted broker did not register with the controller", e.getCause());
        }
        final String rebound = kit.bootstrapServers();
        if (!rebound.equals(bootstrapServers())) {
            throw new KafkaClusterException("The restarted broker listens on " + rebound + " instead of "
                    + bootstrapServers() + "; clients of the shared cluster cannot follow it");
        }
    }

    @Override
    protected void closeBroker() {
        final long started = System.nanoTime();
        try {
            kit.close();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("Interrupted while closing the in-process KRaft cluster", e);
        } catch (final Exception e) {
            // The kit rethrows faults its servers recorded at any point in the run: worth failing the build for.
            throw new KafkaClusterException("The in-process KRaft cluster reported a fault on close", e);
        }
        log.info("Closed in-process KRaft Kafka at {} in {} ms", bootstrapServers(), elapsedMillis(started));
    }

    /**
     * The kit's default bootstrap metadata is {@code MetadataVersion.latestTesting()}, an unreleased version a
     * broker with {@code unstable.feature.versions.enable=false} refuses to register with. Pin the latest
     * production version and the feature levels it implies instead, i.e. what a newly formatted real cluster gets.
     */
    private static BootstrapMetadata releasedBootstrapMetadata() {
        final MetadataVersion version = MetadataVersion.latestProduction();
        final Map<String, Short> featureLevels = Feature.PRODUCTION_FEATURES.stream()
                .collect(Collectors.toMap(
                        Feature::featureName,
                        feature -> feature.defaultLevel(version),
                        (first, second) -> first,
                        TreeMap::new));
        return BootstrapMetadata.fromVersions(version, featureLevels, BOOTSTRAP_METADATA_SOURCE);
    }

    private static BrokerServer onlyBroker(final KafkaClusterTestKit kit) {
        if (kit.brokers().size() != 1) {
            throw new KafkaClusterException("Expected exactly one broker but the kit started " + kit.brokers().keySet());
        }
        return kit.brokers().values().iterator().next();
    }

    private static void awaitRunning(final BrokerServer broker) {
        awaitCondition("the broker to reach RUNNING", () -> broker.brokerState() == BrokerState.RUNNING);
    }

    private static void closeAfterFailedStart(final KafkaClusterTestKit kit) {
        try {
            kit.close();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while cleaning up after a failed cluster start", e);
        } catch (final Exception e) {
            log.warn("Could not clean up after a failed cluster start", e);
        }
    }

    private static String kafkaVersion() {
        return AppInfoParser.getVersion();
    }
}
