package dev.orderpipeline.platform.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the credentials of a request into a {@link Principal}: an API key in {@code X-API-Key} or a bearer token in
 * {@code Authorization}, never both (two identities in one request would make "who did this" ambiguous).
 */
final class Authenticator {

    private static final String BEARER = "bearer ";

    private final ApiKeyAuthenticator apiKeys;
    private final JwtAuthenticator jwt;
    private final String realm;

    Authenticator(final SecurityConfig config, final Clock clock) {
        this.apiKeys = new ApiKeyAuthenticator(config.apiKeys());
        this.jwt = config.jwt().map(settings -> new JwtAuthenticator(settings, clock)).orElse(null);
        this.realm = config.realm();
    }

    /**
     * @param apiKey        the {@code X-API-Key} header, or null
     * @param authorization the {@code Authorization} header, or null
     */
    Principal authenticate(final String apiKey, final String authorization) throws AuthenticationFailure {
        if (apiKey != null && authorization != null) {
            throw new AuthenticationFailure("Send either X-API-Key or Authorization, not both", null);
        }
        if (apiKey != null) {
            return apiKeys.authenticate(apiKey);
        }
        if (authorization == null) {
            throw AuthenticationFailure.missing();
        }
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new AuthenticationFailure("Only Bearer tokens are accepted in Authorization", null);
        }
        if (jwt == null) {
            throw new AuthenticationFailure("Bearer tokens are not enabled here; send an API key in X-API-Key", null);
        }
        return jwt.authenticate(authorization.substring(BEARER.length()).strip());
    }

    /**
     * The {@code WWW-Authenticate} value for a failure: one challenge per enabled scheme (RFC 9110 section 11.6.1),
     * the bearer one carrying RFC 6750's {@code invalid_token} when a token was rejected.
     */
    String challenge(final AuthenticationFailure failure) {
        final List<String> challenges = new ArrayList<>();
        if (jwt != null) {
            final StringBuilder bearer = new StringBuilder("Bearer realm=\"").append(realm).append('"');
            if (failure != null && failure.bearerError() != null) {
                bearer.append(", error=\"invalid_token\", error_description=\"")
                        .append(failure.bearerError().replace('"', '\'')).append('"');
            }
            challenges.add(bearer.toString());
        }
        if (apiKeys.enabled() || jwt == null) {
            challenges.add("ApiKey realm=\"" + realm + "\", header=\"X-API-Key\"");
        }
        return String.join(", ", challenges);
    }
}
