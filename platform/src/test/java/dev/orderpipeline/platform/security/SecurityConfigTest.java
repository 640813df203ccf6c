package dev.orderpipeline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.platform.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityConfigTest {

    private static final String LOADER_KEY = "k-9f1c2e7a4b";
    private static final String LOADER = "loader|sha256:" + ApiKeyCredential.hash(LOADER_KEY) + "|admin";

    private static SecurityConfig config(final String... keyValues) {
        final Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return SecurityConfig.from(new Env(values));
    }

    @Test
    void shouldAcceptTheDevelopmentKeyInTheLocalProfile() {
        // When
        final SecurityConfig config = config("SECURITY_PROFILE", "local");
        // Then
        assertThat(config.apiKeys()).singleElement().satisfies(key -> {
            assertThat(key.sha256Hex()).isEqualTo(ApiKeyCredential.hash("dev-admin-key"));
            assertThat(key.roles()).containsExactly(Role.ADMIN);
            assertThat(key.subject()).isEqualTo(SecurityConfig.DEV_SUBJECT);
        });
    }

    @Test
    void shouldLetTheLocalProfileOverrideTheDevelopmentKey() {
        final SecurityConfig config = config("SECURITY_PROFILE", "local", "SECURITY_DEV_API_KEY", "my-own-dev-key");
        assertThat(config.apiKeys()).extracting(ApiKeyCredential::sha256Hex)
                .containsExactly(ApiKeyCredential.hash("my-own-dev-key"));
    }

    @Test
    void shouldDefaultToProductionAndRefuseToRunWithoutCredentials() {
        assertThatThrownBy(() -> config()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs credentials");
    }

    @Test
    void shouldRefuseTheDevelopmentKeySettingInProduction() {
        assertThatThrownBy(() -> config("SECURITY_API_KEYS", LOADER, "SECURITY_DEV_API_KEY", "whatever"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SECURITY_DEV_API_KEY");
    }

    @Test
    void shouldRefuseTheDevelopmentKeyHashInProduction() {
        final String devEntry = "sneaky|sha256:" + ApiKeyCredential.hash("dev-admin-key") + "|admin";
        assertThatThrownBy(() -> config("SECURITY_API_KEYS", devEntry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("development key");
    }

    @Test
    void shouldReadHashedKeysInlineAndFromAFile(@TempDir final Path dir) throws Exception {
        // Given
        final Path file = dir.resolve("keys");
        Files.writeString(file, "# web shop\nweb-c-1|sha256:" + ApiKeyCredential.hash("k-web") + "|orders:write,orders:read|c-1\n");
        // When
        final SecurityConfig config = config("SECURITY_API_KEYS", LOADER, "SECURITY_API_KEYS_FILE", file.toString());
        // Then
        assertThat(config.apiKeys()).extracting(ApiKeyCredential::principal).containsExactlyInAnyOrder(
                new Principal("loader", java.util.Optional.empty(), java.util.Set.of(Role.ADMIN)),
                new Principal("web-c-1", java.util.Optional.of("c-1"), java.util.Set.of(Role.ORDERS_WRITE, Role.ORDERS_READ)));
    }

    @Test
    void shouldRefuseAPlainKeyWhereAHashBelongs() {
        assertThatThrownBy(() -> config("SECURITY_API_KEYS", "loader|" + LOADER_KEY + "|admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256:")
                .hasMessageNotContaining(LOADER_KEY);
    }

    @Test
    void shouldNameAnUnknownRole() {
        assertThatThrownBy(() -> config("SECURITY_API_KEYS", "x|sha256:" + ApiKeyCredential.hash("k") + "|superuser"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("superuser");
    }

    @Test
    void shouldRefuseTwoHoldersOfTheSameKey() {
        final String hash = ApiKeyCredential.hash("shared");
        assertThatThrownBy(() -> config("SECURITY_API_KEYS", "a|sha256:" + hash + "|admin;b|sha256:" + hash + "|admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same key");
    }

    @Test
    void shouldRequireAnAudienceForJwt() {
        assertThatThrownBy(() -> config("SECURITY_JWT_HS256_SECRET", TestTokens.SECRET, "SECURITY_JWT_ISSUER", "i"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SECURITY_JWT_AUDIENCE");
    }

    @Test
    void shouldRequireAnIssuerForJwtInProduction() {
        assertThatThrownBy(() -> config("SECURITY_JWT_HS256_SECRET", TestTokens.SECRET, "SECURITY_JWT_AUDIENCE", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SECURITY_JWT_ISSUER");
    }

    @Test
    void shouldRefuseAShortHmacSecret() {
        assertThatThrownBy(() -> config("SECURITY_PROFILE", "local", "SECURITY_JWT_HS256_SECRET", "short",
                "SECURITY_JWT_AUDIENCE", "a")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void shouldNeverPrintTheHmacSecret() {
        final SecurityConfig config = config("SECURITY_JWT_HS256_SECRET", TestTokens.SECRET,
                "SECURITY_JWT_AUDIENCE", "a", "SECURITY_JWT_ISSUER", "i");
        assertThat(config.toString()).doesNotContain(TestTokens.SECRET);
    }

    @Test
    void shouldKeepProbesOpenAndMetricsAsConfigured() {
        final SecurityConfig open = config("SECURITY_API_KEYS", LOADER);
        final SecurityConfig closed = config("SECURITY_API_KEYS", LOADER, "SECURITY_METRICS_PUBLIC", "false",
                "SECURITY_PUBLIC_PATHS", "/docs, /status");
        assertThat(open.isPublic("/health/ready")).isTrue();
        assertThat(open.isPublic("/metrics")).isTrue();
        assertThat(closed.isPublic("/metrics")).isFalse();
        assertThat(closed.isPublic("/health/live")).isTrue();
        assertThat(closed.isPublic("/docs")).isTrue();
        assertThat(closed.isPublic("/orders")).isFalse();
    }
}
