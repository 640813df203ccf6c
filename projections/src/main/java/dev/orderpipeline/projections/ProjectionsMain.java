package dev.orderpipeline.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
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
        final ProjectionsService projections = ProjectionsService.start(config, kafka, topics, metrics.registry());
        final Javalin app = HttpServer.create(json, new Health(List.of(projections.readiness())), metrics,
                List.of(projections::routes));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            projections.close();
            topics.close();
            metrics.close();
        }, "projections-shutdown"));
        app.start(config.httpPort());
    }
}
