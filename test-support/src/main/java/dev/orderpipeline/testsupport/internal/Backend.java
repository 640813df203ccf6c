package dev.orderpipeline.testsupport.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Where the shared test broker runs. */
public enum Backend {

    /** Kafka's in-process KRaft test kit: no Docker, about three seconds to start. */
    EMBEDDED("embedded"),

    /** An {@code apache/kafka} container via Testcontainers, for checking against the real distribution. */
    TESTCONTAINERS("testcontainers");

    private final String parameterValue;

    Backend(final String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /**
     * Reads the backend from the {@code kafka.backend} parameter. An unknown value fails loudly instead of
     * falling back, because a typo would otherwise silently run the suite against the wrong broker.
     *
     * @param value the parameter value, empty when unset
     * @return {@link #EMBEDDED} when unset, otherwise the named backend
     * @throws ExtensionConfigurationException for an unknown value, listing the accepted ones
     */
    public static Backend fromParameter(final Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return EMBEDDED;
        }
        final String wanted = value.get().trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(backend -> backend.parameterValue.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "Unknown kafka.backend '" + value.get() + "'; use one of "
                                + Arrays.stream(values()).map(b -> b.parameterValue).collect(Collectors.joining(", "))));
    }
}
