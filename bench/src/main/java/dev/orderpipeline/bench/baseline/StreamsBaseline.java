package dev.orderpipeline.bench.baseline;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.streams.StreamsProperties;
import dev.orderpipeline.schemas.Topics;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a baseline Streams app the way the services run theirs: the pipeline's {@link StreamsProperties#base}
 * (exactly-once v2, linger, dead-letter handlers), {@code COMMIT_INTERVAL_MS} when given, {@code /health/ready} on
 * {@code HTTP_PORT}, and a clean close on shutdown.
 */
final class StreamsBaseline {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsBaseline.class);

    private StreamsBaseline() {
    }

    /**
     * @param name       health check and metrics name, also the shutdown thread's prefix
     * @param alsoClose  closed after the app, e.g. the serdes' registry client
     */
    static void start(final String name, final Topology topology, final KafkaSettings kafka, final Env env,
                      final String applicationId, final Path stateDir, final int defaultPort,
                      final AutoCloseable alsoClose) {
        final Properties props = StreamsProperties.base(applicationId, kafka, stateDir, Topics.ORDERS_DLQ, 1);
        env.get("COMMIT_INTERVAL_MS").ifPresent(ms -> props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                Long.parseLong(ms)));
        final KafkaStreams streams = new KafkaStreams(topology, props);
        final Javalin http = HealthEndpoint.start(name, streams, env.integer("HTTP_PORT", defaultPort));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop();
            streams.close();
            try {
                alsoClose.close();
            } catch (final Exception e) {
                LOG.warn("{}: closing after the app failed: {}", name, e.toString());
            }
        }, name + "-shutdown"));
        streams.start();
    }
}
