package dev.orderpipeline.ingest.internal.kafka;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.schemas.Topic;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the events of the ingest service and waits for Kafka's acknowledgement. One producer for every topic:
 * one buffer, one set of connections and one sender thread, however many requests run, so batching works across
 * them and memory stays small. Values are serialized on the calling (virtual) thread with the topic's serde.
 *
 * <p>Meters: {@code ingest.publish} (timer with histogram per topic and outcome: send latency and errors) and the
 * producer's own metrics through Micrometer's {@link KafkaClientMetrics}.
 */
public final class EventPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaClientMetrics clientMetrics;
    private final ProducerSettings settings;
    private final Meter.MeterProvider<Timer> timers;
    private final AckWatchdog watchdog;

    public EventPublisher(final KafkaSettings kafka, final ProducerSettings settings, final MeterRegistry registry) {
        this.settings = settings;
        this.producer = new KafkaProducer<>(settings.producerConfig(kafka, "ingest-api"), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.clientMetrics = new KafkaClientMetrics(producer);
        this.clientMetrics.bindTo(registry);
        // A second past the producer's own deadline, which is part of budget().
        this.watchdog = AckWatchdog.start(settings.deliveryTimeout().plusSeconds(1), Duration.ofMillis(100));
        this.timers = Timer.builder("ingest.publish")
                .description("Time from send to Kafka's acknowledgement, by topic and outcome")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .withRegistry(registry);
    }

    /** Worst-case time one {@link #publish} call takes before it returns or throws. */
    public Duration budget() {
        return settings.budget();
    }

    /**
     * Serializes with the topic's serdes, sends, and waits until the broker acknowledged the record.
     *
     * @throws PublishFailedException when the record was not stored, or its fate is unknown within the budget
     */
    public <K, V> RecordMetadata publish(final Topic<K, V> topic, final K key, final V value) throws PublishFailedException {
        final byte[] keyBytes;
        final byte[] valueBytes;
        try {
            keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
            valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        } catch (final RuntimeException e) {
            record(topic.name(), "serialization-failed", 0);
            throw new PublishFailedException("Cannot encode the record for " + topic.name() + ": " + e.getMessage(), e,
                    e instanceof RetriableException);
        }
        return publish(topic.name(), keyBytes, valueBytes);
    }

    /** As {@link #publish(Topic, Object, Object)} for records already in bytes. */
    public RecordMetadata publish(final String topic, final byte[] key, final byte[] value) throws PublishFailedException {
        final long started = System.nanoTime();
        // The producer answers by itself within delivery.timeout.ms; the watchdog only guards against it never doing
        // so, and costs far less than a timed wait per request (see AckWatchdog).
        final CompletableFuture<RecordMetadata> verdict = watchdog.watch();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (stored, failure) -> {
                if (failure == null) {
                    verdict.complete(stored);
                } else {
                    verdict.completeExceptionally(failure);
                }
            });
            final RecordMetadata stored = verdict.get();
            record(topic, "acknowledged", started);
            return stored;
        } catch (final ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                record(topic, "unavailable", started);
                LOG.error("No verdict from the producer for {} within its delivery timeout; the record may still be stored",
                        topic);
                throw new PublishFailedException("No acknowledgement from Kafka for " + topic + " in time", cause, true);
            }
            final boolean retriable = cause instanceof RetriableException;
            record(topic, retriable ? "unavailable" : "failed", started);
            throw new PublishFailedException("Kafka did not store the record on " + topic + ": " + cause, cause, retriable);
        } catch (final org.apache.kafka.common.errors.TimeoutException e) {
            verdict.cancel(false);
            record(topic, "unavailable", started);
            throw new PublishFailedException("Kafka did not accept the record for " + topic + " in time", e, true);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            record(topic, "interrupted", started);
            throw new PublishFailedException("Interrupted while publishing to " + topic, e, true);
        } catch (final RuntimeException e) {
            verdict.cancel(false);
            record(topic, "failed", started);
            throw new PublishFailedException("Kafka refused the record for " + topic + ": " + e, e, e instanceof RetriableException);
        }
    }

    /**
     * Fetches the metadata of these topics, so that the first requests after start do not each wait for it (and,
     * under a burst, time out into 503s). Blocks up to {@code max.block.ms} per topic.
     *
     * @return whether the metadata of every topic is known
     */
    public boolean warmUp(final List<String> topics) {
        try {
            topics.forEach(producer::partitionsFor);
            return true;
        } catch (final RuntimeException e) {
            LOG.debug("Producer metadata not available yet: {}", e.toString());
            return false;
        }
    }

    /** Sends without waiting; a failure is only logged. For records whose loss costs time, never correctness. */
    public void publishInBackground(final String topic, final byte[] key, final byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (stored, failure) -> {
                if (failure != null) {
                    LOG.warn("Background record for {} not stored: {}", topic, failure.toString());
                }
            });
        } catch (final RuntimeException e) {
            LOG.warn("Background record for {} not sent: {}", topic, e.toString());
        }
    }

    private void record(final String topic, final String outcome, final long startedNanos) {
        final long elapsed = startedNanos == 0 ? 0 : System.nanoTime() - startedNanos;
        timers.withTags("topic", topic, "outcome", outcome).record(elapsed, TimeUnit.NANOSECONDS);
    }

    /** Sends what is buffered and waits for it, then closes; bounded by the given time. */
    public void close(final Duration timeout) {
        try {
            producer.close(timeout);
        } finally {
            watchdog.close();
            clientMetrics.close();
        }
    }

    @Override
    public void close() {
        close(settings.budget());
    }
}
