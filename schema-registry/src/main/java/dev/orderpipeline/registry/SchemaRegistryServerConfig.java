package dev.orderpipeline.registry;

import java.util.Map;
import java.util.Objects;

/**
 * Where the registry server listens.
 *
 * <p>The default host is the loopback address, not every interface: the server has no authentication and anyone
 * who can reach it can register schemas or change compatibility levels, so listening beyond this machine must be
 * asked for ({@code REGISTRY_HOST=0.0.0.0}, e.g. inside a container).
 *
 * @param host interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one (see {@link SchemaRegistryServer#port()})
 */
public record SchemaRegistryServerConfig(String host, int port) {

    /** Environment variable with the port to listen on. */
    public static final String PORT_VARIABLE = "REGISTRY_PORT";
    /** Environment variable with the interface to bind. */
    public static final String HOST_VARIABLE = "REGISTRY_HOST";
    /** The Confluent Schema Registry's well-known port, so clients' defaults work unchanged. */
    public static final int DEFAULT_PORT = 8081;
    /** Loopback only; see the class comment. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public SchemaRegistryServerConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("Registry host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Registry port must be between 0 and 65535, not " + port);
        }
    }

    /** Loopback on the given port (0 = any free port): what tests and the in-JVM local stack use. */
    public static SchemaRegistryServerConfig onPort(final int port) {
        return new SchemaRegistryServerConfig(DEFAULT_HOST, port);
    }

    /**
     * Reads {@value #PORT_VARIABLE} (default {@value #DEFAULT_PORT}) and {@value #HOST_VARIABLE} (default
     * {@value #DEFAULT_HOST}).
     *
     * @param environment usually {@link System#getenv()}
     * @throws IllegalArgumentException if the port is not a number in 0..65535
     */
    public static SchemaRegistryServerConfig fromEnvironment(final Map<String, String> environment) {
        final String host = environment.getOrDefault(HOST_VARIABLE, "").trim();
        final String port = environment.getOrDefault(PORT_VARIABLE, "").trim();
        return new SchemaRegistryServerConfig(host.isEmpty() ? DEFAULT_HOST : host,
                port.isEmpty() ? DEFAULT_PORT : parsePort(port));
    }

    private static int parsePort(final String text) {
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(PORT_VARIABLE + " must be a port number, not '" + text + "'", e);
        }
    }
}
