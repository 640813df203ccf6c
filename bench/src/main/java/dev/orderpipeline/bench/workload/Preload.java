package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.load.Progress;
import dev.orderpipeline.platform.config.KafkaSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a workload's input data as fast as the broker takes it (large batches, acks=all, idempotent) before the
 * measurement starts, and fails if any record was not acknowledged.
 *
 * <p>One request in flight per connection: on a topic created a moment ago the broker may refuse the first batch of
 * a partition (not leader yet) and accept the next one already in flight; the idempotent producer then retries the
 * first batch into {@code OUT_OF_ORDER_SEQUENCE_NUMBER} for ever (seen here on fresh clusters; also reported as
 * AutoMQ #584). With one request in flight the second batch waits for the first.
 */
public final class Preload {

    private Preload() {
    }

    /** Produces {@code count} records made by {@code record}; returns once all are acknowledged. */
    public static <V> void records(final KafkaSettings kafka, final Serializer<V> values, final long count,
                                   final LongFunction<ProducerRecord<String, V>> record, final Progress progress,
                                   final String label) {
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        final AtomicReference<Exception> failure = new AtomicReference<>();
        progress.begin(label);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            for (long i = 0; i < count && failure.get() == null; i++) {
                producer.send(record.apply(i), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                if (i % 1000 == 0) {
                    progress.update(i / (double) count, String.format("%,d/%,d", i, count));
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Preloading " + label + " failed: " + failure.get().getMessage(),
                    failure.get());
        }
        progress.done(String.format("%,d records", count));
    }
}
