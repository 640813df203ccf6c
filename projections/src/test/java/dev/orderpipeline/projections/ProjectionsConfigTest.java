package dev.orderpipeline.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProjectionsConfigTest {

    @Test
    void shouldKeepOneStandbyWhenAtLeastTwoInstancesAreDeployed() {
        assertThat(ProjectionsConfig.from(new Env(Map.of("PROJECTIONS_INSTANCES", "3"))).standbyReplicas())
                .as("standbys with 3 instances").isEqualTo(1);
        assertThat(ProjectionsConfig.from(new Env(Map.of())).standbyReplicas()).as("standbys with 1 instance").isZero();
        assertThat(ProjectionsConfig.from(new Env(Map.of("PROJECTIONS_INSTANCES", "3", "PROJECTIONS_STANDBY_REPLICAS", "2")))
                .standbyReplicas()).as("standbys when set").isEqualTo(2);
    }

    @Test
    void shouldGiveStreamsTheAdvertisedEndpointAndTheStandbys() {
        // Given
        final ProjectionsConfig config = ProjectionsConfig.from(new Env(Map.of("PROJECTIONS_INSTANCES", "2",
                "HTTP_ADVERTISED_HOST", "projections-1.projections", "HTTP_PORT", "8085")));
        // When
        final Properties props = ProjectionsService.properties(config, KafkaSettings.of("kafka:9092", "http://registry:8081"));
        // Then
        assertThat(props.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).as("application.server")
                .isEqualTo("projections-1.projections:8085");
        assertThat(props.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).as("num.standby.replicas").isEqualTo(1);
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).as("processing guarantee")
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void shouldReachOtherInstancesOverHttpsWhenTheyServeTls() {
        assertThat(ProjectionsConfig.from(new Env(Map.of())).queries().peerScheme()).as("plain").isEqualTo("http");
        assertThat(ProjectionsConfig.from(new Env(Map.of("HTTP_TLS_KEYSTORE", "/etc/tls/server.p12"))).queries().peerScheme())
                .as("with TLS").isEqualTo("https");
        assertThatThrownBy(() -> ProjectionsConfig.from(new Env(Map.of("PROJECTIONS_PEER_SCHEME", "ftp"))))
                .as("unknown scheme").isInstanceOf(IllegalArgumentException.class);
    }
}
