package dev.orderpipeline.testsupport.internal;

import dev.orderpipeline.testsupport.KafkaClusterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared test broker in an {@code apache/kafka} container, for checking the suite against the real
 * distribution rather than the in-process test kit.
 *
 * <p><b>Stop and start pause and unpause the container</b> instead of stopping it: a stopped container gets a new
 * random host port when started again, which would strand every client holding the old bootstrap address. While
 * paused, the broker accepts no work, so clients time out exactly as against a dead broker; the difference from
 * the in-process backend is that connection attempts hang (Docker's port forwarder still accepts them) rather
 * than being refused, so failures surface through client timeouts, not connection errors.
 */
public final class ContainerKafkaCluster extends ManagedKafkaCluster {

    /** A released image whose protocol versions the 4.3 clients fully support. */
    public static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private static final Logger log = LoggerFactory.getLogger(ContainerKafkaCluster.class);

    private final KafkaContainer container;
    private final boolean ownsContainer;

    private ContainerKafkaCluster(final KafkaContainer container, final boolean ownsContainer) {
        super(container.getBootstrapServers());
        this.container = container;
        this.ownsContainer = ownsContainer;
    }

    /**
     * A container configured with the same {@link BrokerSettings} as the in-process broker, not yet started.
     * Exposed so a {@code @Testcontainers} test can let Testcontainers own the lifecycle and still test the exact
     * configuration the extension uses.
     *
     * @param image an {@code apache/kafka} image reference
     * @return the configured container
     */
    public static KafkaContainer newContainer(final String image) {
        return new KafkaContainer(DockerImageName.parse(image)).withEnv(BrokerSettings.containerEnvironment());
    }

    /**
     * Starts a container if a Docker engine is reachable.
     *
     * @param image an {@code apache/kafka} image reference
     * @return the running cluster, or why tests needing it are skipped
     */
    public static ClusterHandle startIfDockerAvailable(final String image) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return new ClusterHandle.Unavailable("kafka.backend=testcontainers was requested but no Docker engine is "
                    + "reachable, so tests needing Kafka are skipped. Start Docker, or unset kafka.backend to use the "
                    + "in-process KRaft broker.");
        }
        final long started = System.nanoTime();
        final KafkaContainer container = newContainer(image);
        container.start();
        try {
            final ContainerKafkaCluster cluster = new ContainerKafkaCluster(container, true);
            log.info("Started Kafka container {} at {} in {} ms",
                    image, cluster.bootstrapServers(), elapsedMillis(started));
            return new ClusterHandle.Running(cluster);
        } catch (final RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    /**
     * Wraps a container someone else started and will stop (e.g. Testcontainers' JUnit extension).
     *
     * @param started a running container from {@link #newContainer(String)}
     * @return a cluster whose {@link #close()} leaves the container running
     */
    public static ContainerKafkaCluster attach(final KafkaContainer started) {
        if (!started.isRunning()) {
            throw new KafkaClusterException("Container " + started.getDockerImageName() + " is not running");
        }
        return new ContainerKafkaCluster(started, false);
    }

    @Override
    protected void shutdownBroker() {
        container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    protected void restartBroker() {
        container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    protected void closeBroker() {
        if (!brokerRunning()) {
            // A paused container cannot be stopped cleanly by Testcontainers; whoever owns it expects it running.
            restartBroker();
        }
        if (ownsContainer) {
            container.stop();
        }
    }
}
