package dev.orderpipeline.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies JWT bearer tokens with Nimbus JOSE+JWT and turns their claims into a {@link Principal}.
 *
 * <p>The key is chosen by the token's algorithm and only among keys of that family: HS256 tokens are checked with
 * the shared secret only, RS256 tokens with the JWKS public keys only, so a token "signed" with HS256 using the RSA
 * public key as secret (algorithm confusion) finds no key. Unsigned ({@code alg: none}) and encrypted tokens are
 * refused by the processor, and {@code exp} is required so no token is valid for ever.
 */
final class JwtAuthenticator {

    /** Tokens are small; anything bigger is not one of ours and not worth parsing. */
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final int MIN_SECRET_BYTES = 32;

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    JwtAuthenticator(final JwtSettings settings, final Clock clock) {
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(keySelector(settings));
        final JWTClaimsSet exact = settings.issuer().map(iss -> new JWTClaimsSet.Builder().issuer(iss).build())
                .orElseGet(() -> new JWTClaimsSet.Builder().build());
        final DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                settings.audience(), exact, Set.of("sub", "exp")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        verifier.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(verifier);
    }

    Principal authenticate(final String token) throws AuthenticationFailure {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthenticationFailure("The bearer token is not valid: malformed token", "malformed token");
        }
        final JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (final ParseException | BadJOSEException | JOSEException e) {
            final String reason = describe(e);
            throw new AuthenticationFailure("The bearer token is not valid: " + reason, reason);
        }
        try {
            final Set<Role> roles = EnumSet.noneOf(Role.class);
            addRoles(roles, claims.getClaim("roles"));
            addRoles(roles, claims.getClaim("scope"));
            return new Principal(claims.getSubject(), Optional.ofNullable(claims.getStringClaim("customer_id")), roles);
        } catch (final ParseException e) {
            throw new AuthenticationFailure("The bearer token is not valid: customer_id must be a string",
                    "invalid customer_id claim");
        }
    }

    /** A short, stable reason that tells the client what to fix and reveals nothing about our keys. */
    static String describe(final Exception e) {
        final String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof ParseException) {
            return "malformed token";
        }
        if (message.contains("expired")) {
            return "token expired";
        }
        if (message.contains("before use time")) {
            return "token not yet valid";
        }
        if (message.contains("audience") || message.contains("aud claim")) {
            return "wrong audience";
        }
        if (message.contains("iss claim")) {
            return "wrong issuer";
        }
        if (message.contains("invalid signature")) {
            return "invalid signature";
        }
        if (message.contains("missing required claims")) {
            return "missing required claims (sub, exp)";
        }
        if (message.contains("no matching key") || message.contains("another algorithm")) {
            return "unknown signing key or algorithm";
        }
        if (message.contains("unsecured") || message.contains("plain")) {
            return "unsigned token";
        }
        return "rejected";
    }

    private static void addRoles(final Set<Role> roles, final Object claim) {
        final Collection<?> names = switch (claim) {
            case null -> List.of();
            case String text -> List.of(text.trim().split("\\s+"));
            case Collection<?> list -> list;
            default -> List.of();
        };
        names.forEach(name -> Role.fromId(String.valueOf(name)).ifPresent(roles::add));
    }

    private static JWSKeySelector<SecurityContext> keySelector(final JwtSettings settings) {
        final Optional<SecretKey> secret = settings.hs256Secret().map(JwtAuthenticator::secretKey);
        final Optional<JWSKeySelector<SecurityContext>> rsa = settings.jwksFile()
                .map(file -> new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(publicRsaKeys(file))));
        return (header, context) -> {
            if (JWSAlgorithm.HS256.equals(header.getAlgorithm()) && secret.isPresent()) {
                return List.<Key>of(secret.get());
            }
            if (JWSAlgorithm.RS256.equals(header.getAlgorithm()) && rsa.isPresent()) {
                return rsa.get().selectJWSKeys(header, context);
            }
            return List.of();
        };
    }

    static SecretKey secretKey(final String configured) {
        final byte[] bytes = configured.startsWith("base64:")
                ? Base64.getDecoder().decode(configured.substring("base64:".length()))
                : configured.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("SECURITY_JWT_HS256_SECRET must have at least " + MIN_SECRET_BYTES
                    + " bytes (HS256 needs a 256-bit key)");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static JWKSet publicRsaKeys(final Path file) {
        try {
            final List<JWK> rsa = JWKSet.load(file.toFile()).toPublicJWKSet().getKeys().stream()
                    .filter(key -> KeyType.RSA.equals(key.getKeyType()))
                    .toList();
            if (rsa.isEmpty()) {
                throw new IllegalArgumentException("SECURITY_JWT_JWKS_FILE " + file + " holds no RSA key");
            }
            return new JWKSet(rsa);
        } catch (final IOException | ParseException e) {
            throw new IllegalArgumentException("SECURITY_JWT_JWKS_FILE " + file + " is not a readable JWKS file: "
                    + e.getMessage(), e);
        }
    }
}
