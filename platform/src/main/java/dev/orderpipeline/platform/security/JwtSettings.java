package dev.orderpipeline.platform.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How bearer tokens are verified. A token is accepted when it is a signed JWT (HS256 with the shared secret, or
 * RS256 with a public key from the JWKS file, matched by {@code kid}), its {@code aud} contains the audience, its
 * {@code iss} equals the issuer (when set), and it is inside {@code nbf}..{@code exp} give or take the clock skew.
 * Roles come from the {@code roles} claim (array or space-separated string) and the OAuth {@code scope} claim;
 * the customer binding from {@code customer_id}.
 *
 * @param hs256Secret shared HMAC secret, at least 32 bytes; {@code base64:} prefix for binary secrets
 *                    ({@code SECURITY_JWT_HS256_SECRET})
 * @param jwksFile    JWKS file with the RSA public keys of the issuer ({@code SECURITY_JWT_JWKS_FILE}); read at
 *                    start, so rotate keys by adding the new key, restarting, then removing the old one
 * @param audience    required audience ({@code SECURITY_JWT_AUDIENCE})
 * @param issuer      required issuer ({@code SECURITY_JWT_ISSUER}); mandatory in production
 * @param clockSkew   tolerance for {@code exp}/{@code nbf} ({@code SECURITY_JWT_CLOCK_SKEW}, default 30s)
 */
public record JwtSettings(Optional<String> hs256Secret, Optional<Path> jwksFile, String audience,
                          Optional<String> issuer, Duration clockSkew) {

    public JwtSettings {
        Objects.requireNonNull(hs256Secret, "hs256Secret");
        Objects.requireNonNull(jwksFile, "jwksFile");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (hs256Secret.isEmpty() && jwksFile.isEmpty()) {
            throw new IllegalArgumentException("JWT needs SECURITY_JWT_HS256_SECRET or SECURITY_JWT_JWKS_FILE");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("JWT needs SECURITY_JWT_AUDIENCE: tokens for other services must not work here");
        }
        hs256Secret.ifPresent(JwtAuthenticator::secretKey);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "JwtSettings[hs256Secret=" + (hs256Secret.isPresent() ? "***" : "none") + ", jwksFile=" + jwksFile
                + ", audience=" + audience + ", issuer=" + issuer + ", clockSkew=" + clockSkew + "]";
    }
}
