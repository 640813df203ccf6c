package dev.orderpipeline.ingest.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    private final ProducerSettings settings = ProducerSettings.forSendTimeout(Duration.ofSeconds(5), Duration.ofMillis(2));

    @Test
    void shouldPassKafkaSecuritySettingsFromTheEnvironmentThrough() {
        // Given: what a deployment on a SASL_SSL cluster sets
        final KafkaSettings kafka = KafkaSettings.from(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093",
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_CLIENT_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ingest\" password=\"s\";",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", "changeit")));
        // When
        final Map<String, Object> config = settings.producerConfig(kafka, "ingest-api");
        // Then
        assertThat(config).containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.truststore.password", "changeit");
        assertThat(config.get("sasl.jaas.config").toString()).contains("ScramLoginModule");
    }

    @Test
    void shouldForceSafetyAndKeepTheWholeSendWithinTheTimeout() {
        // Given: an environment that tries to weaken durability
        final KafkaSettings kafka = KafkaSettings.from(new Env(Map.of("KAFKA_CLIENT_ACKS", "1",
                "KAFKA_CLIENT_ENABLE_IDEMPOTENCE", "false", "KAFKA_CLIENT_LINGER_MS", "10")));
        // When
        final Map<String, Object> config = settings.producerConfig(kafka, "ingest-api");
        // Then
        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "10")
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000L)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2500)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2489);
        assertThat(settings.budget()).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }
}
