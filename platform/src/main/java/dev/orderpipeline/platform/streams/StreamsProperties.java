package dev.orderpipeline.platform.streams;

import dev.orderpipeline.platform.config.KafkaSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams settings every topology of the pipeline runs with: exactly-once v2, dead-letter handlers for
 * undecodable records and processing failures, a state directory of its own, and no default serdes (every serde is
 * passed explicitly). Callers add what is theirs ({@code application.server}, standbys, threads).
 */
public final class StreamsProperties {

    /** Producer linger of Streams apps. */
    static final int LINGER_MS = 5;

    private StreamsProperties() {
    }

    /**
     * @param applicationId     the Streams application id (consumer group, prefix of internal topics)
     * @param kafka             broker, registry and pass-through client settings
     * @param stateDir          state directory of this instance; never shared between instances
     * @param deadLetterTopic   where undecodable or failing records go
     * @param replicationFactor replication of internal topics (1 on a single broker, 3 in production)
     */
    public static Properties base(final String applicationId, final KafkaSettings kafka, final Path stateDir,
                                  final String deadLetterTopic, final int replicationFactor) {
        final Map<String, Object> props = new HashMap<>();
        // Tuning defaults: a deployment may override each through KafkaSettings' client overrides (KAFKA_CLIENT_*).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A short linger. Lingering for a whole commit interval would cost no latency under exactly-once (nothing is
        // visible before the commit, which sends whatever is buffered) and would save the broker many small
        // requests, but it keeps most of an open transaction's records in the producer; with 100 ms, one chaos
        // audit in seven saw a transaction that should have been aborted become visible on some partitions after
        // a hard broker restart (see "Latency settings" in order-topology/README.md). 5 ms is what the audits have
        // passed with.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), LINGER_MS);
        props.putAll(kafka.clientConfig());
        props.putAll(kafka.serdeConfig());
        // What the pipeline's guarantees rest on: never overridden.
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        final Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }
}
