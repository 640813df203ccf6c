package dev.orderpipeline.testsupport;

import dev.orderpipeline.testsupport.internal.ContainerKafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same smoke checks against the Docker backend, configured exactly as the extension configures it.
 * Disabled (reported as skipped) where no Docker engine is reachable.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBackendSmokeTest {

    /** Testcontainers' idiom for one container per class; the reference never changes. */
    @Container
    private static final KafkaContainer CONTAINER = ContainerKafkaCluster.newContainer(ContainerKafkaCluster.DEFAULT_IMAGE);

    private ContainerKafkaCluster kafka;

    @BeforeEach
    void attachToTheContainer() {
        kafka = ContainerKafkaCluster.attach(CONTAINER);
    }

    @AfterEach
    void releaseTheClientsButKeepTheContainer() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldDeliverEachRecordExactlyOnceWithAcksAllAndIdempotence() throws Exception {
        SmokeChecks.idempotentProducerRecordsAreConsumedExactlyOnce(kafka);
    }

    @Test
    void shouldShowReadCommittedConsumersOnlyCommittedTransactionsOnOneBroker() {
        SmokeChecks.readCommittedConsumerSeesOnlyCommittedTransactions(kafka);
    }

    @Test
    void shouldLeaveExistingTopicsUnchangedWhenCreatedAgain() throws Exception {
        SmokeChecks.creatingExistingTopicsAgainChangesNothing(kafka);
    }

    @Test
    void shouldFailSendsWithinTheDeliveryTimeoutWhileTheBrokerIsPaused() throws Exception {
        SmokeChecks.sendsFailWithinDeliveryTimeoutWhileBrokerIsStopped(kafka);
    }

    @Test
    void shouldAcceptSendsAtTheSameAddressAfterTheBrokerResumes() throws Exception {
        SmokeChecks.clientsResumeAtSameAddressAfterBrokerRestart(kafka);
    }
}
