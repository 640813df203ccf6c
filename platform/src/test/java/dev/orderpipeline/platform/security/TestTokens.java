package dev.orderpipeline.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Issues test tokens the way an identity provider would: HS256 with a shared secret, RS256 with a JWKS key pair. */
final class TestTokens {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256!";
    static final String AUDIENCE = "order-pipeline-api";
    static final String ISSUER = "https://issuer.test";

    private final RSAKey rsa;
    private final RSAKey otherRsa;
    private final Instant now;

    TestTokens(final Instant now) {
        this.now = now;
        try {
            this.rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
            this.otherRsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        } catch (final JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public JWKS of the issuer's key and returns its path. */
    Path writeJwks(final Path dir) {
        try {
            final Path file = dir.resolve("jwks.json");
            Files.writeString(file, new JWKSet(rsa).toPublicJWKSet().toString(), StandardCharsets.UTF_8);
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RSAKey rsaKey() {
        return rsa;
    }

    /** Claims of a valid token for this subject; tweak them with the operator. */
    JWTClaimsSet.Builder claims(final String subject) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    String hs256(final JWTClaimsSet claims) {
        try {
            return sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, null, claims);
        } catch (final JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String rs256(final JWTClaimsSet claims) {
        return sign(signer(rsa), JWSAlgorithm.RS256, rsa.getKeyID(), claims);
    }

    /** Same kid, different private key: what a forger without our issuer's key can do. */
    String rs256WithForeignKey(final JWTClaimsSet claims) {
        return sign(signer(otherRsa), JWSAlgorithm.RS256, otherRsa.getKeyID(), claims);
    }

    String hs256(final String subject, final List<String> roles, final String customerId) {
        return hs256(with(claims(subject), b -> b.claim("roles", roles).claim("customer_id", customerId)).build());
    }

    static JWTClaimsSet.Builder with(final JWTClaimsSet.Builder builder, final UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(builder);
    }

    private static JWSSigner signer(final RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (final JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(final JWSSigner signer, final JWSAlgorithm alg, final String kid, final JWTClaimsSet claims) {
        try {
            final SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (final JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
