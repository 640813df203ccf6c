package dev.orderpipeline.platform.security;

/**
 * Credentials were missing or not accepted. Checked, so that every path through the authenticators ends in a 401
 * and never in a 500. Retrying with the same credentials never helps.
 */
final class AuthenticationFailure extends Exception {

    private final String bearerError;

    /**
     * @param detail      what was wrong, for the client (never echoes the credential)
     * @param bearerError short RFC 6750 {@code error_description} for a rejected bearer token, or null
     */
    AuthenticationFailure(final String detail, final String bearerError) {
        super(detail, null, false, false);
        this.bearerError = bearerError;
    }

    static AuthenticationFailure missing() {
        return new AuthenticationFailure("Send an API key in X-API-Key or a bearer token in Authorization", null);
    }

    /** Set when a bearer token was presented and rejected. */
    String bearerError() {
        return bearerError;
    }
}
