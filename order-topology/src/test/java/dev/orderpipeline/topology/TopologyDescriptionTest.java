package dev.orderpipeline.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Guards the names that deployed state depends on. The committed description is the contract: a renamed processor,
 * store or repartition topic orphans changelogs and in-flight records, so any change must be deliberate.
 *
 * <p>To accept a deliberate change, regenerate the golden file and review its diff:
 * {@code ./pipeline mvn -pl order-topology test -Dtest=TopologyDescriptionTest -Dtopology.golden.update=true}.
 */
class TopologyDescriptionTest {

    private static final Path GOLDEN = Path.of("src/test/resources/topology.txt");

    private final String scope = "topology-description-" + UUID.randomUUID();
    private final Topics topics = Topics.forRegistry("mock://" + scope);

    @AfterEach
    void dropRegistry() {
        topics.close();
        SchemaRegistryClients.dropScope(scope);
    }

    @Test
    void shouldMatchTheCommittedTopologyDescription() throws IOException {
        // Given
        final TopologyDescription description = OrderSagaTopology.build(new StreamsBuilder(), topics,
                SagaSettings.defaults()).describe();
        final String actual = description.toString();
        if (Boolean.getBoolean("topology.golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }

        // When
        final String golden = Files.readString(GOLDEN, StandardCharsets.UTF_8);

        // Then
        assertThat(actual).as("topology description; if the change is deliberate, regenerate %s with "
                + "-Dtopology.golden.update=true and review the diff", GOLDEN).isEqualTo(golden);
    }

    @Test
    void shouldSplitTheSagaIntoTheOrderSideAndTheStepSide() {
        // Given
        final TopologyDescription description = OrderSagaTopology.build(new StreamsBuilder(), topics,
                SagaSettings.defaults()).describe();

        // When
        final int subtopologies = description.subtopologies().size();

        // Then
        assertThat(subtopologies).as("sub-topologies: the order-keyed side (saga-orders) and the stock and payment "
                + "steps, keyed by SKU or customer (stock-levels, account-balances)").isEqualTo(2);
        assertThat(description.globalStores()).as("global stores").isEmpty();
    }
}
