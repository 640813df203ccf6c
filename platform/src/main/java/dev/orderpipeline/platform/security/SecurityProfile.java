package dev.orderpipeline.platform.security;

import java.util.Locale;

/**
 * How strict the security configuration is ({@code SECURITY_PROFILE}). Production is the default, so a service
 * started without configuration refuses to run rather than run open.
 */
public enum SecurityProfile {
    /**
     * Real credentials only: the development key is refused, at least one credential source (API keys or JWT)
     * must be configured, and JWT settings must name their issuer and audience.
     */
    PRODUCTION,
    /**
     * The one-JVM local stack and demos: the development API key ({@code X-API-Key: dev-admin-key}, role admin) is
     * accepted in addition to anything configured.
     */
    LOCAL;

    static SecurityProfile parse(final String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "production", "prod" -> PRODUCTION;
            case "local", "dev", "development" -> LOCAL;
            default -> throw new IllegalArgumentException(
                    "SECURITY_PROFILE must be 'production' or 'local', not '" + text + "'");
        };
    }
}
