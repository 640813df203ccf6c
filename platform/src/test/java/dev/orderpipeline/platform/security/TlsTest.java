package dev.orderpipeline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    @TempDir
    Path dir;

    @Test
    void shouldServeHttpsWithTheConfiguredKeystoreOnly() throws Exception {
        // Given: a key pair made now by the running JDK's keytool, nothing committed
        final Path keystore = TestKeystores.generate(dir, "changeit");
        final TlsConfig tls = TlsConfig.from(new Env(Map.of("HTTP_TLS_KEYSTORE", keystore.toString(),
                "HTTP_TLS_KEYSTORE_PASSWORD", "changeit"))).orElseThrow();
        try (Metrics metrics = new Metrics("tls-test")) {
            final Javalin app = HttpServer.create(JsonMappers.create(), new Health(List.of()), metrics,
                    List.of(config -> Tls.install(config, tls))).start(0);
            try {
                // When
                final HttpClient client = HttpClient.newBuilder().sslContext(trusting(tls.load())).build();
                final HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + app.port() + "/health/live")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                // Then
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.sslSession()).as("TLS session").hasValueSatisfying(session ->
                        assertThat(session.getProtocol()).startsWith("TLSv1."));
                final Throwable plain = catchThrowable(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + app.port() + "/health/live")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()));
                assertThat(plain).as("plain HTTP on the TLS port").isInstanceOf(java.io.IOException.class);
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void shouldRefuseToStartWithAWrongKeystorePassword() throws Exception {
        final Path keystore = TestKeystores.generate(dir, "changeit");
        assertThatThrownBy(() -> TlsConfig.from(new Env(Map.of("HTTP_TLS_KEYSTORE", keystore.toString(),
                "HTTP_TLS_KEYSTORE_PASSWORD", "wrong")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HTTP_TLS_KEYSTORE");
    }

    @Test
    void shouldLeaveTlsOffWhenNoKeystoreIsConfigured() {
        assertThat(TlsConfig.from(new Env(Map.of()))).isEmpty();
    }

    /** Trusts exactly the certificate of the server's keystore. */
    private static SSLContext trusting(final KeyStore serverStore) throws Exception {
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverStore.getCertificate(TestKeystores.ALIAS));
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
