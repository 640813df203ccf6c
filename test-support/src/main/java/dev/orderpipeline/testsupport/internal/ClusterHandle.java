package dev.orderpipeline.testsupport.internal;

import java.util.Optional;

/**
 * What the extension keeps in JUnit's root store: either a running cluster or the reason there is none.
 *
 * <p>Remembering "unavailable" matters as much as remembering the cluster: every later test class then skips at
 * once with the same message instead of probing for Docker again. JUnit closes this {@link AutoCloseable} when the
 * test run in the JVM ends, which is what shuts the shared broker down.
 */
public sealed interface ClusterHandle extends AutoCloseable {

    /**
     * Starts the chosen backend, or explains why it cannot run here.
     *
     * @param backend the backend to start
     * @param image   the Docker image for {@link Backend#TESTCONTAINERS}; empty for the default
     * @return a running cluster, or {@link Unavailable} when the backend needs Docker and none is reachable
     */
    static ClusterHandle open(final Backend backend, final Optional<String> image) {
        return switch (backend) {
            case EMBEDDED -> new Running(EmbeddedKraftCluster.start());
            case TESTCONTAINERS -> ContainerKafkaCluster.startIfDockerAvailable(
                    image.filter(name -> !name.isBlank()).orElse(ContainerKafkaCluster.DEFAULT_IMAGE));
        };
    }

    /**
     * A started cluster, shut down when JUnit closes this handle.
     *
     * @param cluster the cluster, owned by this handle
     */
    record Running(ManagedKafkaCluster cluster) implements ClusterHandle {
        @Override
        public void close() {
            cluster.close();
        }
    }

    /**
     * No cluster could be started; tests needing one are skipped.
     *
     * @param reason why, shown in the test report
     */
    record Unavailable(String reason) implements ClusterHandle {
        @Override
        public void close() {
            // Nothing was started.
        }
    }

    @Override
    void close();
}
