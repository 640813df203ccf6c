package dev.orderpipeline.bench.baseline;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The notification dispatcher's baseline: a consumer in a group of its own that reads the topic and does nothing
 * with the records. It stops after {@code BARE_EXPECTED} records (or {@code BARE_TIMEOUT}, default 5m) and prints
 * one line the harness parses:
 * {@code BARE-CONSUMER records=<n> firstBatch=<n> firstNanos=<t> lastNanos=<t>}. The rate is taken between the first
 * and the last poll that returned records, so that group join and start-up are left out, as they are for the
 * dispatcher.
 *
 * <p>Settings: {@code BARE_TOPIC}, {@code BARE_EXPECTED}, {@code BARE_GROUP_ID}, {@link KafkaSettings#from}.
 */
final class BareConsumer {

    static final String RESULT_PREFIX = "BARE-CONSUMER ";

    private BareConsumer() {
    }

    static int run(final Env env, final PrintStream out) {
        final KafkaSettings kafka = KafkaSettings.from(env);
        final long expected = env.longValue("BARE_EXPECTED", 1);
        final Duration timeout = env.duration("BARE_TIMEOUT", Duration.ofMinutes(5));
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, env.required("BARE_GROUP_ID"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long records = 0;
        long firstBatch = 0;
        long firstNanos = 0;
        long lastNanos = 0;
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(env.required("BARE_TOPIC")));
            while (records < expected && System.nanoTime() < deadline) {
                final ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (batch.isEmpty()) {
                    continue;
                }
                final long now = System.nanoTime();
                if (records == 0) {
                    firstNanos = now;
                    firstBatch = batch.count();
                }
                records += batch.count();
                lastNanos = now;
            }
        }
        out.printf("%srecords=%d firstBatch=%d firstNanos=%d lastNanos=%d%n", RESULT_PREFIX, records, firstBatch,
                firstNanos, lastNanos);
        out.flush();
        return records >= expected ? 0 : 1;
    }
}
