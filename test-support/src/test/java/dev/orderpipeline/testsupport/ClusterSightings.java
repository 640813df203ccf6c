package dev.orderpipeline.testsupport;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What each test class saw of the shared cluster, kept in JUnit's root store (no static state) so a later class
 * can check it got the very same cluster. Inject with {@code @ExtendWith(ClusterSightings.Resolver.class)}.
 */
final class ClusterSightings {

    /**
     * @param bootstrapServers the address the class was given
     * @param clusterId        the id the broker reported; random per cluster start, so equal ids mean one start
     */
    record Sighting(String bootstrapServers, String clusterId) {
    }

    private final Map<Class<?>, Sighting> byTestClass = new ConcurrentHashMap<>();

    void record(final Class<?> testClass, final Sighting sighting) {
        byTestClass.put(testClass, sighting);
    }

    Optional<Sighting> seenBy(final Class<?> testClass) {
        return Optional.ofNullable(byTestClass.get(testClass));
    }

    /** Resolves the one {@link ClusterSightings} of the test run. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
            return parameter.getParameter().getType() == ClusterSightings.class;
        }

        @Override
        public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(ClusterSightings.class))
                    .getOrComputeIfAbsent(ClusterSightings.class);
        }
    }
}
