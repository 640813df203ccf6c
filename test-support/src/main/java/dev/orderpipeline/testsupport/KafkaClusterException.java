package dev.orderpipeline.testsupport;

import java.io.Serial;

/**
 * The shared test broker could not do what a test asked: start, create or delete topics, or stop and restart.
 *
 * <p>Retrying rarely helps. Within a run it almost always means the broker is stopped (a test called
 * {@link KafkaCluster#stopBroker()} and not {@link KafkaCluster#startBroker()}), the machine is too loaded to
 * meet the built-in timeouts, or the broker configuration is broken; the cause says which.
 */
public final class KafkaClusterException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A failure with an underlying cause.
     *
     * @param message what the cluster was asked to do, with the names involved
     * @param cause   the underlying client, broker or I/O failure
     */
    public KafkaClusterException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure detected by the test support itself, such as a broker coming back on another port.
     *
     * @param message what went wrong, with the names involved
     */
    public KafkaClusterException(final String message) {
        super(message);
    }
}
