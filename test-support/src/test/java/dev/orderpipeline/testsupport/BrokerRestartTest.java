package dev.orderpipeline.testsupport;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Broker outages on the shared cluster. {@link Isolated} because stopping the broker affects every test in the
 * JVM; method order matters only for the last pair, which checks the extension's clean-up between tests.
 */
@RealKafka
@Isolated
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerRestartTest {

    @Test
    @Order(1)
    void shouldFailSendsWithinTheDeliveryTimeoutWhileTheBrokerIsStopped(final KafkaCluster kafka) throws Exception {
        SmokeChecks.sendsFailWithinDeliveryTimeoutWhileBrokerIsStopped(kafka);
    }

    @Test
    @Order(2)
    void shouldAcceptSendsAtTheSameAddressAfterTheBrokerRestarts(final KafkaCluster kafka) throws Exception {
        SmokeChecks.clientsResumeAtSameAddressAfterBrokerRestart(kafka);
    }

    @Test
    @Order(3)
    void shouldLetATestEndWithTheBrokerStopped(final KafkaCluster kafka) {
        // Given a running broker
        // When a test stops it and ends without starting it again (as a failing test would)
        kafka.stopBroker();
        // Then nothing fails here; the next test checks the extension restarted it
    }

    @Test
    @Order(4)
    void shouldFindTheBrokerRunningAfterAPreviousTestLeftItStopped(final KafkaCluster kafka) throws Exception {
        // Given the previous test left the broker stopped
        // When this test starts, after the extension's clean-up
        // Then sends with short timeouts succeed straight away
        SmokeChecks.sendsSucceedWithShortTimeouts(kafka);
    }
}
