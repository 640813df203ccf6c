package dev.orderpipeline.ingest;

import static dev.orderpipeline.ingest.IngestHarness.VALID_ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.security.TlsConfig;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone ingest server with TLS from configuration, as {@link IngestMain} builds it. */
@RealKafka
class IngestTlsIT {

    @Test
    void shouldPlaceAnOrderOverHttps(final KafkaCluster kafka, @TempDir final Path dir) throws Exception {
        // Given: HTTP_TLS_* pointing at a keystore generated now
        IngestHarness.createTopics(kafka);
        final Path keystore = TestKeystores.generate(dir, "s3cret-pass");
        final TlsConfig tls = TlsConfig.from(new Env(Map.of("HTTP_TLS_KEYSTORE", keystore.toString(),
                "HTTP_TLS_KEYSTORE_PASSWORD", "s3cret-pass"))).orElseThrow();
        final HttpClient client = HttpClient.newBuilder().sslContext(TestKeystores.trusting(tls.load())).build();
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(0);
             IngestHarness ingest = new IngestHarness(KafkaSettings.of(kafka.bootstrapServers(), registry.url()),
                     IngestHarness.config(kafka), IngestHarness.security(Map.of()), Optional.of(tls), client).awaitReady()) {
            // When
            final HttpResponse<String> response = ingest.postOrder(VALID_ORDER);
            // Then
            assertThat(ingest.uri("/orders").getScheme()).isEqualTo("https");
            assertThat(response.statusCode()).as("body %s", response.body()).isEqualTo(202);
            assertThat(response.sslSession()).as("TLS session").hasValueSatisfying(session ->
                    assertThat(session.getProtocol()).startsWith("TLSv1."));
        }
    }
}
