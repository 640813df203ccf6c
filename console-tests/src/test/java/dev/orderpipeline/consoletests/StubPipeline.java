package dev.orderpipeline.consoletests;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
import dev.orderpipeline.platform.security.Security;
import dev.orderpipeline.platform.security.SecurityConfig;
import dev.orderpipeline.projections.console.ConsoleRoutes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A server built like every pipeline server (platform's {@link HttpServer}, {@link Security} in the local profile,
 * deny by default) hosting the console and whatever stand-in API routes a test gives it: for states the real
 * stack cannot be made to show on cue, and for checks of the console's serving that need no Kafka.
 */
final class StubPipeline implements AutoCloseable {

    private final Javalin server;
    private final Metrics metrics = new Metrics("console-stub");

    StubPipeline(final Consumer<JavalinConfig> routes) {
        final SecurityConfig security = SecurityConfig.from(new Env(Map.of("SECURITY_PROFILE", "local")));
        server = HttpServer.create(JsonMappers.create(), new Health(List.of()), metrics, List.of(
                config -> Security.install(config, security), ConsoleRoutes::install, routes));
        server.start("localhost", 0);
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
        metrics.close();
    }
}
