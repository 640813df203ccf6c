package dev.orderpipeline.registry;

import dev.orderpipeline.registry.internal.RegistryApp;
import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import io.javalin.Javalin;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Confluent-compatible Schema Registry: the REST API that Confluent serializers, confluent-kafka
 * (Python/Go), kcat and REST tools use, served over an {@link InMemorySchemaRegistry}. Point any of them at
 * {@link #url()}; code in the same JVM can also use {@link #registry()} directly.
 *
 * <p>State lives only in memory: it is gone when the server stops, which is what the one-JVM local stack and tests
 * want (producers re-register their schemas on start). Only Avro schemas are accepted.
 *
 * <pre>{@code
 * try (SchemaRegistryServer server = SchemaRegistryServer.start(0)) {
 *     var client = SchemaRegistryClients.create(Map.of("schema.registry.url", server.url()));
 *     ...
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private final Javalin app;
    private final InMemorySchemaRegistry registry;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SchemaRegistryServer(final Javalin app, final InMemorySchemaRegistry registry, final String host) {
        this.app = app;
        this.registry = registry;
        this.url = "http://" + urlHost(host) + ":" + app.port();
    }

    /**
     * Starts an empty registry on the loopback interface.
     *
     * @param port TCP port, or 0 for any free one
     * @throws io.javalin.util.JavalinBindException if the port is taken
     */
    public static SchemaRegistryServer start(final int port) {
        return start(SchemaRegistryServerConfig.onPort(port), new InMemorySchemaRegistry());
    }

    /**
     * Starts a server over the given registry, e.g. one that code in this JVM already uses, so that both see the
     * same schemas and ids.
     *
     * @throws io.javalin.util.JavalinBindException if the address is taken
     */
    public static SchemaRegistryServer start(final SchemaRegistryServerConfig config, final InMemorySchemaRegistry registry) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        final Javalin app = RegistryApp.create(registry).start(config.host(), config.port());
        final SchemaRegistryServer server = new SchemaRegistryServer(app, registry, config.host());
        LOG.info("Schema registry listening on {} (bound to {})", server.url(), config.host());
        return server;
    }

    /** The port the server listens on; the chosen one when started with port 0. */
    public int port() {
        return app.port();
    }

    /** Base URL for {@code schema.registry.url}, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    /** The registry behind the API, for code in the same JVM and for test set-up. */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    /** Stops listening; in-flight requests are finished first. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            app.stop();
            LOG.info("Schema registry on {} stopped", url);
        }
    }

    /**
     * Runs a registry until the JVM is stopped. Port and interface come from {@code REGISTRY_PORT} (default 8081)
     * and {@code REGISTRY_HOST} (default loopback); see {@link SchemaRegistryServerConfig}.
     */
    public static void main(final String[] args) {
        final SchemaRegistryServer server = start(SchemaRegistryServerConfig.fromEnvironment(System.getenv()),
                new InMemorySchemaRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "schema-registry-shutdown"));
    }

    /** A host clients can connect to: the wildcard address is not one, loopback is; IPv6 literals need brackets. */
    private static String urlHost(final String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
