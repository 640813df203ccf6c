package dev.orderpipeline.registry.support;

import dev.orderpipeline.registry.SchemaRegistryServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link SchemaRegistryServer} on a random loopback port into test constructors and methods: one per
 * test class, started on first use and stopped after the class (JUnit closes {@link AutoCloseable} store values).
 * Per class rather than per test because the server is the thing under test across many requests, and tests isolate
 * themselves by unique subject names.
 */
public final class RegistryServerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RegistryServerExtension.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == SchemaRegistryServer.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(SchemaRegistryServer.class,
                key -> SchemaRegistryServer.start(0), SchemaRegistryServer.class);
    }

    /** The test class's context, also when asked from a test method's. */
    private static ExtensionContext classContext(final ExtensionContext context) {
        return context.getTestMethod().isPresent() ? context.getParent().orElse(context) : context;
    }
}
