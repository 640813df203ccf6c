package dev.orderpipeline.testsupport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class BrokerSettingsTest {

    @Test
    void shouldOverrideOnlySettingsTheBrokerKnows() {
        // Given every configuration name the broker defines
        final List<String> known = CollectionConverters.asJava(KafkaConfig.configNames());

        // When the overrides are listed
        // Then each one is a real broker setting (a typo would otherwise be ignored with a log line)
        assertThat(BrokerSettings.overrides().keySet()).isSubsetOf(known);
    }

    @Test
    void shouldTurnOffUnreleasedApisAndFeaturesTheTestKitEnablesByDefault() {
        assertThat(BrokerSettings.overrides())
                .containsEntry("unstable.api.versions.enable", "false")
                .containsEntry("unstable.feature.versions.enable", "false");
    }

    @Test
    void shouldPassTheSameSettingsToTheContainerAsEnvironmentVariables() {
        // Given the broker overrides
        // When they are translated for the apache/kafka image
        // Then each has its KAFKA_ variable with the same value
        assertThat(BrokerSettings.containerEnvironment())
                .hasSameSizeAs(BrokerSettings.overrides())
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_UNSTABLE_FEATURE_VERSIONS_ENABLE", "false");
    }
}
