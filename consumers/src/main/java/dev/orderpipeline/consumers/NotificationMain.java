package dev.orderpipeline.consumers;

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

/**
 * Runs the notification dispatcher on its own: reads the environment, starts it with health and metrics over
 * HTTP ({@code /health/live}, {@code /health/ready}, {@code /metrics}), and stops cleanly on SIGTERM.
 */
public final class NotificationMain {

    private NotificationMain() {
    }

    public static void main(final String[] args) {
        final Env env = Env.fromSystem();
        final NotificationConfig config = NotificationConfig.from(env);
        final KafkaSettings kafka = KafkaSettings.from(env);
        final ObjectMapper json = JsonMappers.create();
        final Topics topics = Topics.create(kafka.serdeConfig());
        final Metrics metrics = new Metrics("notifications");
        final NotificationService notifications = NotificationService.start(config, kafka, topics, metrics.registry());
        final Javalin app = HttpServer.create(json, new Health(List.of(notifications.readiness())), metrics, List.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            notifications.close();
            topics.close();
            metrics.close();
        }, "notifications-shutdown"));
        app.start(config.httpPort());
    }
}
