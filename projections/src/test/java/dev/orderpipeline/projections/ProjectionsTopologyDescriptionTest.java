package dev.orderpipeline.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;

/**
 * Pins the names of processors, stores and repartition topics: renaming one would orphan existing state and
 * changelogs in every deployment, so it must be a deliberate change of {@code projections-topology.txt}.
 */
class ProjectionsTopologyDescriptionTest {

    @Test
    void shouldKeepTheNamesOfProcessorsStoresAndTopics() throws IOException {
        // Given
        final String scope = "projections-" + UUID.randomUUID();
        final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
        final String expected;
        try (InputStream golden = getClass().getResourceAsStream("/projections-topology.txt")) {
            expected = new String(golden.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Topics topics = Topics.create(serdeConfig)) {
            // When
            final String actual = ProjectionsTopology.build(new StreamsBuilder(), topics,
                    new ProjectionsTopology.Settings(ZoneId.of("UTC"), serdeConfig, OrderChangeListener.none()))
                    .describe().toString();
            // Then
            assertThat(actual.strip()).as("topology description (update projections-topology.txt only on purpose)")
                    .isEqualTo(expected.strip());
        } finally {
            SchemaRegistryClients.dropScope(scope);
        }
    }
}
