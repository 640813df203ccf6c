package dev.orderpipeline.testsupport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class BackendTest {

    @Test
    void shouldUseTheInProcessBrokerWhenNothingIsChosen() {
        assertThat(Backend.fromParameter(Optional.empty())).isEqualTo(Backend.EMBEDDED);
        assertThat(Backend.fromParameter(Optional.of(" "))).isEqualTo(Backend.EMBEDDED);
    }

    @Test
    void shouldAcceptBackendNamesRegardlessOfCaseAndSpaces() {
        assertThat(Backend.fromParameter(Optional.of(" TestContainers "))).isEqualTo(Backend.TESTCONTAINERS);
        assertThat(Backend.fromParameter(Optional.of("embedded"))).isEqualTo(Backend.EMBEDDED);
    }

    @Test
    void shouldRejectAnUnknownBackendNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> Backend.fromParameter(Optional.of("docker")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("'docker'")
                .hasMessageContaining("embedded, testcontainers");
    }
}
