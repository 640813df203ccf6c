package dev.orderpipeline.registry.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a running {@link ApicurioRegistry} into test constructors and methods. One server is started for the
 * whole test run, on first use, and stopped when the run ends (JUnit closes {@link AutoCloseable} values of the
 * root store): starting Apicurio takes seconds, and the contract tests isolate themselves by unique subject names.
 */
public final class ApicurioRegistryExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ApicurioRegistryExtension.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == ApicurioRegistry.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ApicurioRegistry.class,
                key -> ApicurioRegistry.start(ApicurioRegistry.Settings.fromSystemProperties()), ApicurioRegistry.class);
    }
}
