package dev.orderpipeline.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.platform.config.KafkaSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

    private static final Path STATE = Path.of("/tmp/state-of-test");

    @Test
    void shouldLetDeploymentOverridesWinOverTuningDefaults() {
        // Given
        final KafkaSettings kafka = new KafkaSettings("broker:9092", "http://registry:8081", Map.of(
                "producer.linger.ms", "7", "commit.interval.ms", "250"), Map.of());

        // When
        final Properties props = StreamsProperties.base("app", kafka, STATE, "dlq", 3);

        // Then
        assertThat(props.get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG))).as("linger")
                .isEqualTo("7");
        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).as("commit interval").isEqualTo("250");
    }

    @Test
    void shouldNeverLetOverridesWeakenTheGuarantees() {
        // Given
        final KafkaSettings kafka = new KafkaSettings("broker:9092", "http://registry:8081", Map.of(
                "processing.guarantee", "at_least_once", "application.id", "other", "state.dir", "/shared",
                "errors.dead.letter.queue.topic.name", "elsewhere"), Map.of());

        // When
        final Properties props = StreamsProperties.base("app", kafka, STATE, "dlq", 3);

        // Then
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).as("guarantee")
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).as("application id").isEqualTo("app");
        assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG)).as("state dir").isEqualTo(STATE.toAbsolutePath().toString());
        assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).as("dead letters")
                .isEqualTo("dlq");
    }
}
