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
        final Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.putAll(kafka.serdeConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        final Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }
}
