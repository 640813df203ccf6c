package dev.orderpipeline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-05T10:00:00Z");

    @TempDir
    Path dir;

    private static final TestTokens TOKENS = new TestTokens(NOW);

    private final TestTokens tokens = TOKENS;
    private JwtAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        final JwtSettings settings = new JwtSettings(Optional.of(TestTokens.SECRET), Optional.of(tokens.writeJwks(dir)),
                TestTokens.AUDIENCE, Optional.of(TestTokens.ISSUER), Duration.ofSeconds(30));
        authenticator = new JwtAuthenticator(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String rejectionOf(final String token) {
        final var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(AuthenticationFailure.class,
                () -> authenticator.authenticate(token));
        assertThat(thrown).as("rejection of the token").isNotNull();
        return thrown.bearerError();
    }

    @Test
    void shouldMapRolesScopeAndCustomerClaimsOfAnHs256Token() throws Exception {
        // Given
        final String token = tokens.hs256(tokens.claims("shop-front")
                .claim("roles", List.of("orders:write", "no-such-role"))
                .claim("scope", "orders:read")
                .claim("customer_id", "c-7").build());
        // When
        final Principal principal = authenticator.authenticate(token);
        // Then
        assertThat(principal.subject()).isEqualTo("shop-front");
        assertThat(principal.customerId()).contains("c-7");
        assertThat(principal.roles()).as("known roles only").containsExactlyInAnyOrder(Role.ORDERS_WRITE, Role.ORDERS_READ);
    }

    @Test
    void shouldAcceptAnRs256TokenSignedByTheJwksKey() throws Exception {
        // Given
        final String token = tokens.rs256(tokens.claims("svc").claim("roles", "sales:read admin").build());
        // When
        final Principal principal = authenticator.authenticate(token);
        // Then
        assertThat(principal.roles()).containsExactlyInAnyOrder(Role.SALES_READ, Role.ADMIN);
        assertThat(principal.customerId()).isEmpty();
    }

    @Test
    void shouldRejectAnExpiredToken() {
        final JWTClaimsSet claims = tokens.claims("u").expirationTime(Date.from(NOW.minusSeconds(60))).build();
        assertThat(rejectionOf(tokens.hs256(claims))).isEqualTo("token expired");
    }

    @Test
    void shouldAcceptATokenExpiredWithinTheClockSkew() throws Exception {
        final JWTClaimsSet claims = tokens.claims("u").expirationTime(Date.from(NOW.minusSeconds(10))).build();
        assertThat(authenticator.authenticate(tokens.hs256(claims)).subject()).isEqualTo("u");
    }

    @Test
    void shouldRejectATokenNotValidYet() {
        final JWTClaimsSet claims = tokens.claims("u").notBeforeTime(Date.from(NOW.plusSeconds(120))).build();
        assertThat(rejectionOf(tokens.rs256(claims))).isEqualTo("token not yet valid");
    }

    @Test
    void shouldRejectATokenWithAWrongSignature() {
        // Given: a token signed with a key of the same kid that the issuer never published
        final String forged = tokens.rs256WithForeignKey(tokens.claims("u").build());
        // Then
        assertThat(rejectionOf(forged)).isEqualTo("invalid signature");
    }

    @Test
    void shouldRejectATokenWithAWrongHmacSecret() throws Exception {
        final String token = TestTokens.sign(new MACSigner("another-secret-of-at-least-32-bytes-length".getBytes()),
                JWSAlgorithm.HS256, null, tokens.claims("u").build());
        assertThat(rejectionOf(token)).isEqualTo("invalid signature");
    }

    @Test
    void shouldRejectATokenForAnotherAudience() {
        final JWTClaimsSet claims = tokens.claims("u").audience("billing-api").build();
        assertThat(rejectionOf(tokens.hs256(claims))).isEqualTo("wrong audience");
    }

    @Test
    void shouldRejectATokenFromAnotherIssuer() {
        final JWTClaimsSet claims = tokens.claims("u").issuer("https://evil.test").build();
        assertThat(rejectionOf(tokens.rs256(claims))).isEqualTo("wrong issuer");
    }

    @Test
    void shouldRejectATokenWithoutExpiry() {
        final JWTClaimsSet claims = tokens.claims("u").expirationTime(null).build();
        assertThat(rejectionOf(tokens.hs256(claims))).startsWith("missing required claims");
    }

    @Test
    void shouldRejectAnUnsignedToken() {
        final String token = new PlainJWT(tokens.claims("u").claim("roles", List.of("admin")).build()).serialize();
        assertThat(rejectionOf(token)).isNotBlank();
    }

    @Test
    void shouldRejectAnHs256TokenKeyedWithTheRsaPublicKey() throws Exception {
        // Given: the classic algorithm-confusion forgery, HMAC keyed with the public key everyone can read
        final byte[] publicKey = tokens.rsaKey().toRSAPublicKey().getEncoded();
        final JwtAuthenticator rsaOnly = new JwtAuthenticator(new JwtSettings(Optional.empty(),
                Optional.of(tokens.writeJwks(dir)), TestTokens.AUDIENCE, Optional.of(TestTokens.ISSUER),
                Duration.ofSeconds(30)), Clock.fixed(NOW, ZoneOffset.UTC));
        final String forged = TestTokens.sign(new MACSigner(publicKey), JWSAlgorithm.HS256, "k1",
                tokens.claims("attacker").claim("roles", List.of("admin")).build());
        // Then
        assertThatThrownBy(() -> rsaOnly.authenticate(forged)).isInstanceOf(AuthenticationFailure.class)
                .extracting(e -> ((AuthenticationFailure) e).bearerError()).isEqualTo("unknown signing key or algorithm");
    }

    @Test
    void shouldRejectGarbage() {
        assertThat(rejectionOf("not.a.token")).isEqualTo("malformed token");
        assertThat(rejectionOf("x".repeat(10_000))).isEqualTo("malformed token");
    }

    @Test
    void shouldRejectANonStringCustomerClaim() {
        final JWTClaimsSet claims = tokens.claims("u").claim("customer_id", Set.of(1, 2)).build();
        assertThat(rejectionOf(tokens.hs256(claims))).isEqualTo("invalid customer_id claim");
    }
}
