package dev.orderpipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.testcontainers.DockerClientFactory;

/**
 * How {@value KafkaClusterExtension#BACKEND_PARAMETER} changes a run. Each test runs a small test class in a
 * nested JUnit engine with its own root store, so no broker of this JVM is touched and none is started.
 */
class BackendSelectionTest {

    @Test
    void shouldSkipNotFailTestsNeedingKafkaWhenDockerBackendIsChosenWithoutDocker() {
        // Given no reachable Docker engine (as on this project's machines)
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine is reachable here");

        // When a @RealKafka class runs with kafka.backend=testcontainers
        final EngineExecutionResults results = run(NeedsKafka.class, "testcontainers");

        // Then the class is skipped with a message saying why, and nothing failed
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(NeedsKafka.class),
                skippedWithReason(reason -> reason.contains("no Docker engine"))));
        assertThat(results.allEvents().failed().count()).as("failed events").isZero();
        assertThat(results.testEvents().started().count()).as("tests started").isZero();
    }

    @Test
    void shouldFailFastWithTheAcceptedValuesWhenTheBackendIsMisspelt() {
        // Given a typo in the backend name
        // When a @RealKafka class runs with it
        final EngineExecutionResults results = run(NeedsKafka.class, "testcontainer");

        // Then the class fails, naming the accepted values, instead of silently using some broker
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(NeedsKafka.class),
                finishedWithFailure(cause(instanceOf(ExtensionConfigurationException.class)),
                        message(m -> m.contains("'testcontainer'") && m.contains("embedded, testcontainers")))));
    }

    private static EngineExecutionResults run(final Class<?> testClass, final String backend) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(KafkaClusterExtension.BACKEND_PARAMETER, backend)
                .selectors(selectClass(testClass))
                .execute();
    }

    /** Run only through the nested engine above; Surefire skips nested classes. */
    @RealKafka
    static class NeedsKafka {
        @Test
        void shouldNeverRunWithoutABroker(final KafkaCluster kafka) {
            assertThat(kafka.bootstrapServers()).isNotBlank();
        }
    }
}
