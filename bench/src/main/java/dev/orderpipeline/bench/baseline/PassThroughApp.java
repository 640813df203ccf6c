package dev.orderpipeline.bench.baseline;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.streams.StreamsProperties;
import dev.orderpipeline.schemas.Topics;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The saga's baseline: a Kafka Streams app that copies one topic to another record by record, with exactly the
 * Streams settings of the pipeline ({@link StreamsProperties#base}: exactly-once v2, commit interval, linger,
 * handlers). Records are copied as bytes: the baseline is what Kafka Streams with EOS costs before any work.
 *
 * <p>Settings: {@code PASSTHROUGH_INPUT}, {@code PASSTHROUGH_OUTPUT}, {@code PASSTHROUGH_APPLICATION_ID},
 * {@code PASSTHROUGH_STATE_DIR}, {@code COMMIT_INTERVAL_MS} (default: the pipeline's), {@code HTTP_PORT}, and
 * {@link KafkaSettings#from}.
 */
final class PassThroughApp {

    private PassThroughApp() {
    }

    static void start(final Env env) {
        final KafkaSettings kafka = KafkaSettings.from(env);
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(env.required("PASSTHROUGH_INPUT"),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-source"))
                .to(env.required("PASSTHROUGH_OUTPUT"),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-sink"));
        final Properties props = StreamsProperties.base(env.required("PASSTHROUGH_APPLICATION_ID"), kafka,
                Path.of(env.required("PASSTHROUGH_STATE_DIR")), Topics.ORDERS_DLQ, 1);
        env.get("COMMIT_INTERVAL_MS").ifPresent(ms -> props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                Long.parseLong(ms)));
        final KafkaStreams streams = new KafkaStreams(builder.build(), props);
        final Javalin http = HealthEndpoint.start("bench-passthrough", streams, env.integer("HTTP_PORT", 8091));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop();
            streams.close();
        }, "passthrough-shutdown"));
        streams.start();
    }
}
