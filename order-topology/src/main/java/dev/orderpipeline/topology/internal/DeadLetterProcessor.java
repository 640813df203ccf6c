package dev.orderpipeline.topology.internal;

import dev.orderpipeline.platform.streams.DeadLetters;
import dev.orderpipeline.schemas.Topic;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a decodable record that no step can own (see {@link RecordInspector}) into a dead-letter record with the
 * same {@link DeadLetters} headers the platform's exception handlers write. The value is serialized again with the
 * source topic's serde: the bytes decode to the same record (under the latest local schema), though they may not be
 * byte-identical to what the producer sent.
 *
 * @param <V> value type of the source topic
 */
public final class DeadLetterProcessor<V> implements Processor<String, V, byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);

    private final String name;
    private final Topic<String, V> source;
    private final String deadLetterTopic;
    private final RecordInspector<V> inspector;
    private ProcessorContext<byte[], byte[]> context;

    /**
     * @param name            this processor's name, for the {@code dlq.failed.at} header
     * @param source          the topic the records come from (its value serde re-encodes them)
     * @param deadLetterTopic where they go
     * @param inspector       says why; records it finds fine should not reach this processor
     */
    public DeadLetterProcessor(final String name, final Topic<String, V> source, final String deadLetterTopic,
                               final RecordInspector<V> inspector) {
        this.name = name;
        this.source = source;
        this.deadLetterTopic = deadLetterTopic;
        this.inspector = inspector;
    }

    @Override
    public void init(final ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<String, V> record) {
        final Problem problem = inspector.inspect(record.key(), record.value())
                .orElseThrow(() -> new IllegalStateException("Record routed to " + name + " without a problem"));
        final String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(source.name());
        final int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        final long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        final byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        final byte[] value = source.valueSerde().serializer().serialize(source.name(), record.value());
        final ProducerRecord<byte[], byte[]> deadLetter = DeadLetters.record(deadLetterTopic, key, value,
                record.headers(), problem.reason().name(), problem.message(), null, topic, partition, offset, name);
        LOG.warn("Dead-lettering record at {}-{}@{} (key {}) to {}: {} {}", topic, partition, offset, record.key(),
                deadLetterTopic, problem.reason(), problem.message());
        context.forward(new Record<>(key, value, record.timestamp(), deadLetter.headers()));
    }
}
