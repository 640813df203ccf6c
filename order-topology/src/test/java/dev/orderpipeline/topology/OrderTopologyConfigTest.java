package dev.orderpipeline.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.platform.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderTopologyConfigTest {

    @Test
    void shouldUseDocumentedDefaultsWhenNothingIsSet() {
        // Given
        final Env empty = new Env(Map.of());

        // When
        final OrderTopologyConfig config = OrderTopologyConfig.from(empty);

        // Then
        assertThat(config.applicationId()).as("application id").isEqualTo("order-saga");
        assertThat(config.stateDir()).as("state dir").isEqualTo(Path.of("data/order-saga"));
        assertThat(config.replicationFactor()).as("replication").isEqualTo(1);
        assertThat(config.numThreads()).as("threads").isEqualTo(1);
        assertThat(config.standbys()).as("standbys").isZero();
        assertThat(config.saga().maxOrderTotalMinor()).as("max total").isEqualTo(100_000_000L);
        assertThat(config.saga().acceptedCurrencies()).as("currencies").contains("EUR", "USD", "GBP", "JPY");
    }

    @Test
    void shouldReadEverySetting() {
        // Given
        final Env env = new Env(Map.of(
                "ORDER_TOPOLOGY_APPLICATION_ID", "saga-2",
                "ORDER_TOPOLOGY_STATE_DIR", "/var/lib/saga",
                "ORDER_TOPOLOGY_REPLICATION_FACTOR", "3",
                "ORDER_TOPOLOGY_THREADS", "4",
                "ORDER_TOPOLOGY_STANDBYS", "1",
                "ORDER_TOPOLOGY_COMMIT_INTERVAL", "30ms",
                "ORDER_SAGA_MAX_TOTAL_MINOR", "5000",
                "ORDER_SAGA_CURRENCIES", "EUR, USD",
                "ORDER_SAGA_MAX_LINE_ITEMS", "7"));

        // When
        final OrderTopologyConfig config = OrderTopologyConfig.from(env);

        // Then
        assertThat(config).as("config").isEqualTo(new OrderTopologyConfig("saga-2", Path.of("/var/lib/saga"), 3, 4, 1,
                8080, Duration.ofMillis(30), new SagaSettings(5000, Set.of("EUR", "USD"), 7)));
    }

    @Test
    void shouldRefuseNonsense() {
        // Given
        final Env env = new Env(Map.of("ORDER_TOPOLOGY_THREADS", "0"));

        // When / Then
        assertThatThrownBy(() -> OrderTopologyConfig.from(env)).as("zero threads")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderTopologyConfig.from(new Env(Map.of("ORDER_TOPOLOGY_COMMIT_INTERVAL", "0ms"))))
                .as("zero commit interval").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ORDER_TOPOLOGY_COMMIT_INTERVAL");
    }
}
