package dev.orderpipeline.bench.baseline;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.streams.StreamsProperties;
import java.nio.file.Path;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
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
        StreamsBaseline.start("bench-passthrough", builder.build(), kafka, env,
                env.required("PASSTHROUGH_APPLICATION_ID"), Path.of(env.required("PASSTHROUGH_STATE_DIR")), 8091,
                () -> { });
    }
}
