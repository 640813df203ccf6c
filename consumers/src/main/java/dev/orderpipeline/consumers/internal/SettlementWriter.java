package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.ChannelKind;
import dev.orderpipeline.consumers.NotificationTopicNames;
import dev.orderpipeline.consumers.internal.dedupe.SettledMark;
import dev.orderpipeline.consumers.internal.retry.RetryHeaders;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.streams.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes what a batch's settlements require — delivered markers, retry copies, dead letters — and waits until the
 * broker acknowledged all of them, which is what allows the batch's offsets to be committed. Markers and retry
 * copies go to the partition the record came from, keeping the dispatcher's topics co-partitioned. The producer
 * is idempotent with {@code acks=all}, so broker retries add no duplicates.
 */
final class SettlementWriter implements AutoCloseable {

    /** The batch's writes were not all acknowledged: the batch must be processed again, offsets stay put. */
    static final class WriteFailedException extends RuntimeException {
        WriteFailedException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final NotificationTopicNames topics;
    private final String channel;

    SettlementWriter(final KafkaSettings kafka, final NotificationTopicNames topics, final ChannelKind channel,
                     final String clientId) {
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.channel = channel.label();
    }

    Producer<byte[], byte[]> producer() {
        return producer;
    }

    /**
     * Sends every record the settlements need and blocks until each is acknowledged.
     *
     * @throws WriteFailedException if any write failed
     */
    void write(final List<Settlement> settlements) {
        final List<Future<RecordMetadata>> sent = new ArrayList<>(settlements.size() * 2);
        for (final Settlement settlement : settlements) {
            switch (settlement) {
                case Settlement.Delivered d -> sent.add(producer.send(marker(d.in(), d.eventId(), SettledMark.DELIVERED)));
                case Settlement.Duplicate d -> {
                    // Already settled: nothing to write.
                }
                case Settlement.Retry r -> sent.add(producer.send(retryCopy(r)));
                case Settlement.DeadLetter d -> {
                    sent.add(producer.send(deadLetter(d)));
                    if (d.eventId() != null) {
                        sent.add(producer.send(marker(d.in(), d.eventId(), SettledMark.DEAD_LETTERED)));
                    }
                }
            }
        }
        producer.flush();
        for (final Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (final ExecutionException e) {
                throw new WriteFailedException("A settlement write failed: " + e.getCause(), e.getCause());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WriteFailedException("Interrupted while waiting for settlement writes", e);
            }
        }
    }

    private ProducerRecord<byte[], byte[]> marker(final InboundRecord in, final String eventId, final SettledMark mark) {
        final Headers headers = new RecordHeaders();
        RetryHeaders.put(headers, RetryHeaders.CHANNEL, channel);
        return new ProducerRecord<>(topics.delivered(), in.partition(), null,
                eventId.getBytes(StandardCharsets.UTF_8), mark.name().getBytes(StandardCharsets.UTF_8), headers);
    }

    private ProducerRecord<byte[], byte[]> retryCopy(final Settlement.Retry r) {
        final ConsumerRecord<byte[], byte[]> original = r.in().record();
        final Headers headers = RetryHeaders.forRetry(original.headers(), r.attemptsMade(), r.plan().dueAt(),
                r.failure().name(), r.message(), channel, original.topic(), original.partition(), original.offset());
        return new ProducerRecord<>(r.plan().topic(), original.partition(), null, original.key(), original.value(), headers);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(final Settlement.DeadLetter d) {
        final ConsumerRecord<byte[], byte[]> original = d.in().record();
        final ProducerRecord<byte[], byte[]> record = DeadLetters.record(topics.deadLetters(), original.key(),
                original.value(), original.headers(), d.reason(), d.message(), d.cause(), original.topic(),
                original.partition(), original.offset(), "consumers/notifications/" + channel);
        RetryHeaders.put(record.headers(), RetryHeaders.ATTEMPTS, Integer.toString(d.attemptsMade()));
        RetryHeaders.put(record.headers(), RetryHeaders.CHANNEL, channel);
        return record;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
