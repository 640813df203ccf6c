package dev.orderpipeline.testsupport;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * First of two classes sharing the broker: records what it was given so {@link SharedClusterSecondUserTest}
 * can prove it got the same cluster, and covers the produce/consume and transaction paths.
 */
@RealKafka
@Order(1)
@ExtendWith(ClusterSightings.Resolver.class)
class SharedClusterFirstUserTest {

    @BeforeAll
    static void recordTheClusterThisClassWasGiven(final KafkaCluster kafka, final ClusterSightings sightings)
            throws Exception {
        try (Admin admin = kafka.adminClient()) {
            final String clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            sightings.record(SharedClusterFirstUserTest.class,
                    new ClusterSightings.Sighting(kafka.bootstrapServers(), clusterId));
        }
    }

    @Test
    void shouldDeliverEachRecordExactlyOnceWithAcksAllAndIdempotence(final KafkaCluster kafka) throws Exception {
        SmokeChecks.idempotentProducerRecordsAreConsumedExactlyOnce(kafka);
    }

    @Test
    void shouldShowReadCommittedConsumersOnlyCommittedTransactionsOnOneBroker(final KafkaCluster kafka) {
        SmokeChecks.readCommittedConsumerSeesOnlyCommittedTransactions(kafka);
    }
}
