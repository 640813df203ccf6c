package dev.orderpipeline.topology.internal;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.schemas.Topic;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Produces stock and funds adjustments, keyed by SKU and customer id as the saga requires, with acks=all and an
 * idempotent producer. {@link #flush()} waits until the broker acknowledged everything sent.
 */
public final class AdjustmentPublisher implements AutoCloseable {

    private final Topic<String, InventoryAdjustment> inventoryTopic;
    private final Topic<String, AccountAdjustment> accountsTopic;
    private final KafkaProducer<String, InventoryAdjustment> inventory;
    private final KafkaProducer<String, AccountAdjustment> accounts;

    public AdjustmentPublisher(final KafkaSettings kafka, final Topics topics) {
        this.inventoryTopic = topics.inventory();
        this.accountsTopic = topics.accounts();
        this.inventory = new KafkaProducer<>(config(kafka), inventoryTopic.keySerde().serializer(),
                inventoryTopic.valueSerde().serializer());
        this.accounts = new KafkaProducer<>(config(kafka), accountsTopic.keySerde().serializer(),
                accountsTopic.valueSerde().serializer());
    }

    private static Map<String, Object> config(final KafkaSettings kafka) {
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    public Future<RecordMetadata> send(final InventoryAdjustment adjustment) {
        return inventory.send(new ProducerRecord<>(inventoryTopic.name(), adjustment.getSku(), adjustment));
    }

    public Future<RecordMetadata> send(final AccountAdjustment adjustment) {
        return accounts.send(new ProducerRecord<>(accountsTopic.name(), adjustment.getCustomerId(), adjustment));
    }

    /** Waits for every record sent so far to be acknowledged. */
    public void flush() {
        inventory.flush();
        accounts.flush();
    }

    /** Sends one record and waits for its acknowledgement, for the CLI. */
    public static RecordMetadata await(final Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (final ExecutionException e) {
            throw new KafkaException("The broker did not accept the adjustment: " + e.getCause().getMessage(), e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while waiting for the broker", e);
        }
    }

    @Override
    public void close() {
        inventory.close(Duration.ofSeconds(10));
        accounts.close(Duration.ofSeconds(10));
    }
}
