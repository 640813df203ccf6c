package dev.orderpipeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.metrics.Metrics;
import dev.orderpipeline.platform.security.Security;
import dev.orderpipeline.platform.security.SecurityConfig;
import dev.orderpipeline.platform.security.Tls;
import dev.orderpipeline.platform.security.TlsConfig;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The standalone ingest server, configured but not started: health, metrics, security, optional TLS, ingest routes. */
public final class IngestApp {

    private IngestApp() {
    }

    public static Javalin create(final IngestService ingest, final SecurityConfig security, final Optional<TlsConfig> tls,
                                 final Metrics metrics, final ObjectMapper json) {
        final List<Consumer<JavalinConfig>> services = new ArrayList<>();
        services.add(config -> Security.install(config, security));
        tls.ifPresent(settings -> services.add(config -> Tls.install(config, settings)));
        services.add(ingest::routes);
        return HttpServer.create(json, new Health(List.of(ingest.readiness())), metrics, services);
    }
}
