package dev.orderpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.ops.support.ExternalTool;
import dev.orderpipeline.ops.support.Repo;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/haproxy/haproxy.cfg, shared by docker-compose.yml and scripts/local-cluster: valid for HAProxy
 * ({@code haproxy -c}) with either environment, and balancing as the issue asks (least connections, active checks
 * on {@code /health/ready}).
 */
class HaproxyConfigTest {

    static final String CONFIG = "deploy/haproxy/haproxy.cfg";
    private static final String INSTALL = "Debian package haproxy: apt-get install haproxy";

    private static ExternalTool.Result check(final Map<String, String> environment) {
        return ExternalTool.require("haproxy", INSTALL)
                .run(Repo.root(), environment, Duration.ofSeconds(30), "-c", "-f", CONFIG);
    }

    @Test
    void shouldBeValidWithTheLocalClusterAddressesAndWarnAboutNothing() {
        // When
        final ExternalTool.Result result = check(Map.of("LB_BIND", "127.0.0.1:28080", "LB_STATS_BIND", "127.0.0.1:28081",
                "INGEST_1", "127.0.0.1:28101", "INGEST_2", "127.0.0.1:28102",
                "PROJECTIONS_1", "127.0.0.1:28121", "PROJECTIONS_2", "127.0.0.1:28122"));

        // Then
        assertThat(result.succeeded()).as("haproxy -c:\n%s", result.output()).isTrue();
        assertThat(result.output()).as("haproxy -c output").doesNotContain("[WARNING]").doesNotContain("[ALERT]");
    }

    @Test
    void shouldBeValidWithComposeServiceNamesThatDoNotResolveYet() {
        // Given: compose starts HAProxy before (or without) its backends; names resolve at run time
        final Map<String, String> env = Map.of("LB_BIND", ":8080", "LB_STATS_BIND", ":8404",
                "INGEST_1", "ingest-1:8080", "INGEST_2", "ingest-2:8080",
                "PROJECTIONS_1", "projections-1:8080", "PROJECTIONS_2", "projections-2:8080");

        // When
        final ExternalTool.Result result = check(env);

        // Then: only "could not resolve" warnings are acceptable
        assertThat(result.succeeded()).as("haproxy -c:\n%s", result.output()).isTrue();
        final List<String> otherWarnings = Arrays.stream(result.output().split("\n"))
                .filter(line -> line.contains("[WARNING]") || line.contains("[ALERT]"))
                .filter(line -> !line.contains("could not resolve address"))
                .toList();
        assertThat(otherWarnings).isEmpty();
    }

    @Test
    void shouldBalanceByLeastConnectionsWithActiveReadinessChecks() {
        // Given
        final String config = Repo.read(CONFIG);

        // Then: each backend, as a block up to the next section
        for (final String backend : List.of("ingest", "projections")) {
            final int start = config.indexOf("\nbackend " + backend);
            assertThat(start).as("backend %s", backend).isPositive();
            final int end = config.indexOf("\n\n", start + 1);
            final String block = config.substring(start, end < 0 ? config.length() : end);
            assertThat(block).as("backend %s", backend).contains("balance leastconn").contains("option httpchk")
                    .contains("uri /health/ready").contains("http-check expect status 200");
            assertThat(block.lines().filter(l -> l.strip().startsWith("server ")).filter(l -> l.contains(" check")))
                    .as("checked servers of %s", backend).hasSize(2);
        }
    }
}
