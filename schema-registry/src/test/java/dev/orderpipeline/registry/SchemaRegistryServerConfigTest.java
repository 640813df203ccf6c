package dev.orderpipeline.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaRegistryServerConfigTest {

    @Test
    void shouldListenOnLoopbackAndTheConfluentPortByDefault() {
        // Given an environment without registry settings
        final Map<String, String> environment = Map.of("PATH", "/usr/bin");

        // When
        final SchemaRegistryServerConfig config = SchemaRegistryServerConfig.fromEnvironment(environment);

        // Then
        assertThat(config).as("default config").isEqualTo(new SchemaRegistryServerConfig("127.0.0.1", 8081));
    }

    @Test
    void shouldReadPortAndHostFromTheEnvironment() {
        // Given
        final Map<String, String> environment = Map.of("REGISTRY_PORT", " 18081 ", "REGISTRY_HOST", "0.0.0.0");

        // When
        final SchemaRegistryServerConfig config = SchemaRegistryServerConfig.fromEnvironment(environment);

        // Then
        assertThat(config).as("config from the environment").isEqualTo(new SchemaRegistryServerConfig("0.0.0.0", 18081));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eighty", "-1", "65536", "8081.5"})
    void shouldRefuseAPortThatIsNotATcpPort(final String port) {
        // Given
        final Map<String, String> environment = Map.of("REGISTRY_PORT", port);

        // When / Then
        assertThatThrownBy(() -> SchemaRegistryServerConfig.fromEnvironment(environment))
                .as("config with REGISTRY_PORT=%s", port)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(port.equals("eighty") || port.equals("8081.5") ? "REGISTRY_PORT" : "between 0 and 65535");
    }
}
