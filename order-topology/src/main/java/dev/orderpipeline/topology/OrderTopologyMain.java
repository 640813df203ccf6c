package dev.orderpipeline.topology;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
import dev.orderpipeline.schemas.Topics;
import io.javalin.Javalin;
import java.util.List;

/**
 * Runs the order saga on its own: reads the environment ({@link OrderTopologyConfig#from}, {@link KafkaSettings#from}),
 * starts the service, serves {@code /health/live}, {@code /health/ready} and {@code /metrics}, and stops cleanly on
 * SIGTERM.
 */
public final class OrderTopologyMain {

    private OrderTopologyMain() {
    }

    public static void main(final String[] args) {
        final Env env = Env.fromSystem();
        final OrderTopologyConfig config = OrderTopologyConfig.from(env);
        final KafkaSettings kafka = KafkaSettings.from(env);
        final Topics topics = Topics.create(kafka.serdeConfig());
        final Metrics metrics = new Metrics("order-topology");
        final OrderTopologyService saga = OrderTopologyService.start(config, kafka, topics, metrics.registry());
        final Javalin http = HttpServer.create(JsonMappers.create(), new Health(List.of(saga.readiness())), metrics,
                List.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop();
            saga.close();
            topics.close();
            metrics.close();
        }, "order-topology-shutdown"));
        http.start(config.httpPort());
    }
}
