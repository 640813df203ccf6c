package dev.orderpipeline.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the Javalin server of a process: JSON settings, problem+json errors, health and metrics endpoints, then
 * the routes of each service hosted in it (one service standalone, all of them in the local stack). The server is
 * returned unstarted.
 */
public final class HttpServer {

    /** Largest request body accepted before 413; services may check tighter limits of their own. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

    private HttpServer() {
    }

    public static Javalin create(final ObjectMapper json, final Health health, final Metrics metrics,
                                 final List<Consumer<JavalinConfig>> services) {
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = DEFAULT_MAX_REQUEST_BYTES;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            Problems.install(config, json);
            health.install(config);
            metrics.install(config);
            services.forEach(service -> service.accept(config));
        });
    }
}
