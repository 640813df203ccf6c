package dev.orderpipeline.testsupport;

import dev.orderpipeline.testsupport.internal.Backend;
import dev.orderpipeline.testsupport.internal.ClusterHandle;
import dev.orderpipeline.testsupport.internal.ManagedKafkaCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link RealKafka}: provides one shared {@link KafkaCluster} per test JVM.
 *
 * <p>The cluster is created on first use and kept in the <em>root</em> extension store, the only place JUnit
 * offers for state that outlives a test class without a static field; JUnit closes it when the whole test run in
 * the JVM ends.
 *
 * <p>It is first asked for by the {@link ExecutionCondition}, before any test instance or parameter exists. That
 * is what turns "no Docker" into skipped tests: a failure during parameter resolution would count as a test
 * failure, and an assumption aborted in {@code beforeAll} is reported by Maven Surefire as a class with zero
 * tests, hiding them. A disabled condition is reported per test, as skipped, with the reason. The callbacks abort
 * with the same reason as a fallback for runs that deactivate conditions.
 *
 * <p>Backends, chosen with the {@value #BACKEND_PARAMETER} system property or JUnit configuration parameter:
 * <ul>
 *   <li>{@code embedded} (default): Kafka's own in-process KRaft test kit, one combined broker+controller node.</li>
 *   <li>{@code testcontainers}: an {@code apache/kafka} container (image overridable with
 *       {@value #IMAGE_PARAMETER}); tests are skipped with a message when no Docker engine is reachable.</li>
 * </ul>
 */
public final class KafkaClusterExtension
        implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** Selects the backend: {@code embedded} (default) or {@code testcontainers}. */
    public static final String BACKEND_PARAMETER = "kafka.backend";

    /** Docker image for the {@code testcontainers} backend; defaults to a released {@code apache/kafka} image. */
    public static final String IMAGE_PARAMETER = "kafka.testcontainers.image";

    private static final Namespace NAMESPACE = Namespace.create(KafkaClusterExtension.class);
    private static final String CLUSTER_KEY = "shared-kafka-cluster";

    /** Instantiated by JUnit through {@link RealKafka} or {@code @ExtendWith}. */
    public KafkaClusterExtension() {
        // JUnit needs a public no-arg constructor; all state lives in the root store.
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
        return switch (handle(context)) {
            case ClusterHandle.Running running ->
                    ConditionEvaluationResult.enabled("Kafka is running at " + running.cluster().bootstrapServers());
            case ClusterHandle.Unavailable unavailable -> ConditionEvaluationResult.disabled(unavailable.reason());
        };
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        requireCluster(context);
    }

    @Override
    public void beforeEach(final ExtensionContext context) {
        // Covers @RealKafka on a single method, where no class-level callback runs.
        requireCluster(context);
    }

    /**
     * A test that stopped the broker and failed before restarting it would otherwise break every later test in
     * the JVM with confusing timeouts; restarting here keeps the failure where it happened.
     */
    @Override
    public void afterEach(final ExtensionContext context) {
        if (existingHandle(context) instanceof ClusterHandle.Running running) {
            running.cluster().ensureBrokerRunning();
        }
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext, final ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameterContext, final ExtensionContext extensionContext) {
        return switch (handle(extensionContext)) {
            case ClusterHandle.Running running -> running.cluster();
            // Only reachable when conditions are deactivated and no callback ran first.
            case ClusterHandle.Unavailable unavailable -> throw new ParameterResolutionException(unavailable.reason());
        };
    }

    private static ManagedKafkaCluster requireCluster(final ExtensionContext context) {
        return switch (handle(context)) {
            case ClusterHandle.Running running -> running.cluster();
            case ClusterHandle.Unavailable unavailable -> Assumptions.abort(unavailable.reason());
        };
    }

    private static ClusterHandle handle(final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                CLUSTER_KEY, key -> open(context), ClusterHandle.class);
    }

    private static ClusterHandle existingHandle(final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).get(CLUSTER_KEY, ClusterHandle.class);
    }

    private static ClusterHandle open(final ExtensionContext context) {
        final Backend backend = Backend.fromParameter(context.getConfigurationParameter(BACKEND_PARAMETER));
        return ClusterHandle.open(backend, context.getConfigurationParameter(IMAGE_PARAMETER));
    }
}
