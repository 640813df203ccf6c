package dev.orderpipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Second class on the shared broker: proves it is shared, and covers the helper methods. */
@RealKafka
@Order(2)
@ExtendWith(ClusterSightings.Resolver.class)
class SharedClusterSecondUserTest {

    @Test
    void shouldReuseTheClusterStartedForAnEarlierTestClass(final KafkaCluster kafka, final ClusterSightings sightings)
            throws Exception {
        // Given what the first class saw (absent only when this class runs on its own)
        final Optional<ClusterSightings.Sighting> first = sightings.seenBy(SharedClusterFirstUserTest.class);
        assumeTrue(first.isPresent(), "needs SharedClusterFirstUserTest to run earlier in the same JVM");

        // When this class asks the cluster it was given for its id
        final String clusterId;
        try (Admin admin = kafka.adminClient()) {
            clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }

        // Then it is the same cluster at the same address, not a second one started for this class
        assertThat(new ClusterSightings.Sighting(kafka.bootstrapServers(), clusterId))
                .as("cluster seen by this class vs. by SharedClusterFirstUserTest")
                .isEqualTo(first.get());
    }

    @Test
    void shouldLeaveExistingTopicsUnchangedWhenCreatedAgain(final KafkaCluster kafka) throws Exception {
        SmokeChecks.creatingExistingTopicsAgainChangesNothing(kafka);
    }

    @Test
    void shouldRemoveDeletedTopicsAndIgnoreMissingOnes(final KafkaCluster kafka) throws Exception {
        // Given one existing topic and one name that was never created
        final String existing = kafka.uniqueName("to-delete");
        final String missing = kafka.uniqueName("never-created");
        kafka.createTopics(1, existing);

        // When both are deleted
        kafka.deleteTopics(existing, missing);

        // Then neither is listed any more
        try (Admin admin = kafka.adminClient()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(existing, missing);
        }
    }

    @Test
    void shouldHandOutDistinctNamesThatAreLegalTopicNames(final KafkaCluster kafka) {
        // Given a readable prefix
        final String prefix = "orders.v1_test";

        // When many names are taken
        final Set<String> names = IntStream.range(0, 1_000).mapToObj(i -> kafka.uniqueName(prefix))
                .collect(Collectors.toSet());

        // Then they are all different, keep the prefix and use only topic-name characters
        assertThat(names).hasSize(1_000)
                .allSatisfy(name -> assertThat(name).startsWith(prefix + "-").matches("[a-zA-Z0-9._-]+"));
        assertThatThrownBy(() -> kafka.uniqueName("orders/v1"))
                .as("a prefix that would make an illegal topic name")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldHandOutAnEmptyStreamsStateDirectoryOnEveryCall(final KafkaCluster kafka) throws Exception {
        // Given a state directory a Streams instance has written to
        final Path first = kafka.streamsStateDir();
        Files.writeString(first.resolve("LOCK"), "held");

        // When another is requested
        final Path second = kafka.streamsStateDir();

        // Then it is a different, empty, writable directory outside the shared default
        assertThat(second).isNotEqualTo(first).isDirectory().isEmptyDirectory().isWritable();
        assertThat(second.toString()).doesNotContain("kafka-streams");
    }
}
