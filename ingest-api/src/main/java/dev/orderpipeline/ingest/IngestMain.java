package dev.orderpipeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
import dev.orderpipeline.platform.security.SecurityConfig;
import dev.orderpipeline.platform.security.TlsConfig;
import dev.orderpipeline.schemas.Topics;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Optional;

/**
 * Runs the ingest service on its own: reads the environment (see {@link IngestConfig}, {@link SecurityConfig},
 * {@link TlsConfig}, {@link KafkaSettings}), starts HTTP(S), and on SIGTERM drains, flushes and stops.
 *
 * <p>Logs are JSON lines (with {@code requestId} and {@code orderId} from the MDC) unless
 * {@code -Dlogback.configurationFile} names another configuration.
 */
public final class IngestMain {

    /** Logback configuration of the standalone service, on the class path. */
    static final String JSON_LOGGING = "dev/orderpipeline/ingest/logback-json.xml";

    private IngestMain() {
    }

    public static void main(final String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", JSON_LOGGING);
        }
        final Env env = Env.fromSystem();
        final IngestConfig config = IngestConfig.from(env);
        final KafkaSettings kafka = KafkaSettings.from(env);
        final SecurityConfig security = SecurityConfig.from(env);
        final Optional<TlsConfig> tls = TlsConfig.from(env);
        final ObjectMapper json = JsonMappers.create();
        final Topics topics = Topics.create(kafka.serdeConfig());
        final Metrics metrics = new Metrics("ingest-api");
        final IngestService ingest = new IngestService(config, kafka, topics, json, Clock.systemUTC(), metrics.registry());
        final Javalin app = IngestApp.create(ingest, security, tls, metrics, json);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ingest.close();
            app.stop();
            topics.close();
            metrics.close();
        }, "ingest-shutdown"));
        app.start(config.httpPort());
    }
}
