package dev.orderpipeline.bench.load;

import dev.orderpipeline.bench.process.Waits;
import dev.orderpipeline.platform.config.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces records at a fixed rate, each stamped with the wall-clock time it was <em>due</em> (record timestamp, and
 * the event's own {@code createdAt} where the factory puts it), so that end-to-end latency measured against that
 * stamp is coordinated-omission free even when the producer itself falls behind. A direct producer as a client of
 * the pipeline would run it: acks=all, idempotent, a 2 ms linger like ingest's, one request in flight (see
 * {@code Preload} for why).
 */
public final class OpenLoopProducer implements AutoCloseable {

    /** Builds record {@code i}, due at {@code dueEpochMillis}. */
    public interface Records {
        ProducerRecord<String, byte[]> make(long i, long dueEpochMillis);
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Progress progress;

    public OpenLoopProducer(final KafkaSettings kafka, final Progress progress) {
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // see Preload: topics may be minutes old only; one request in flight avoids a stuck sequence
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.progress = progress;
    }

    /**
     * Sends {@code rate × duration} records at {@code rate} per second and waits until all are acknowledged.
     *
     * @return the number of records sent
     * @throws IllegalStateException if any send failed
     */
    public long run(final String label, final double rate, final Duration duration, final Records records) {
        final long count = Math.round(rate * duration.toMillis() / 1000.0);
        final long intervalNanos = Math.round(1e9 / rate);
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final AtomicLong acked = new AtomicLong();
        progress.begin(label);
        final long startNanos = System.nanoTime() + Duration.ofMillis(20).toNanos();
        final long startMillis = System.currentTimeMillis() + 20;
        for (long i = 0; i < count; i++) {
            final long dueNanos = startNanos + i * intervalNanos;
            Waits.pauseUntil(dueNanos);
            producer.send(records.make(i, startMillis + (dueNanos - startNanos) / 1_000_000), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    acked.incrementAndGet();
                }
            });
            if (i % 100 == 0) {
                progress.update(i / (double) count, String.format("%,d sent", i));
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException(label + ": a send failed: " + failure.get().getMessage(), failure.get());
        }
        progress.done(String.format("%,d records at %.0f/s", acked.get(), rate));
        return count;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
