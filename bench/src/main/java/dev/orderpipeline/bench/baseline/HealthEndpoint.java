package dev.orderpipeline.bench.baseline;

import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
import io.javalin.Javalin;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/** {@code /health/ready} of a baseline Streams app: up while the app is RUNNING, as the services report it. */
final class HealthEndpoint {

    private HealthEndpoint() {
    }

    static Javalin start(final String name, final KafkaStreams streams, final int port) {
        final Health health = new Health(List.of(new Health.Check(name, () -> {
            final KafkaStreams.State state = streams.state();
            return state == KafkaStreams.State.RUNNING ? Health.Status.up(state.name())
                    : Health.Status.down(state.name());
        })));
        final Javalin app = HttpServer.create(JsonMappers.create(), health, new Metrics(name), List.of());
        app.start(port);
        return app;
    }
}
