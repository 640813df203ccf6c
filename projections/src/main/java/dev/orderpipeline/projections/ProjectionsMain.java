package dev.orderpipeline.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
import dev.orderpipeline.platform.security.Security;
import dev.orderpipeline.platform.security.SecurityConfig;
import dev.orderpipeline.platform.security.Tls;
import dev.orderpipeline.platform.security.TlsConfig;
import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.function.Consumer;
import dev.orderpipeline.schemas.Topics;
import io.javalin.Javalin;
import java.util.List;

/** Runs the projections service on its own: Streams plus its query API. */
public final class ProjectionsMain {

    private ProjectionsMain() {
    }

    public static void main(final String[] args) {
        final Env env = Env.fromSystem();
        final ProjectionsConfig config = ProjectionsConfig.from(env);
        final KafkaSettings kafka = KafkaSettings.from(env);
        final ObjectMapper json = JsonMappers.create();
        final Topics topics = Topics.create(kafka.serdeConfig());
        final Metrics metrics = new Metrics("projections");
        final SecurityConfig security = SecurityConfig.from(env);
        final ProjectionsService projections = ProjectionsService.start(config, kafka, topics, metrics.registry(),
                CustomerAccess.ownCustomerOrAdmin());
        final List<Consumer<JavalinConfig>> services = new ArrayList<>(List.of(c -> Security.install(c, security),
                projections::routes));
        TlsConfig.from(env).ifPresent(tls -> services.add(c -> Tls.install(c, tls)));
        final Javalin app = HttpServer.create(json, new Health(List.of(projections.readiness())), metrics, services);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            projections.close();
            topics.close();
            metrics.close();
        }, "projections-shutdown"));
        app.start(config.httpPort());
    }
}
