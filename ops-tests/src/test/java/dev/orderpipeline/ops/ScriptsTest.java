package dev.orderpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.ops.support.ExternalTool;
import dev.orderpipeline.ops.support.Repo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shell scripts: valid bash, clean under shellcheck where installed, and in agreement on shared versions. */
class ScriptsTest {

    static final List<String> SCRIPTS = List.of("scripts/local-cluster", "scripts/k8s-secret",
            "deploy/docker/entrypoint.sh", "deploy/docker/healthcheck.sh");

    @Test
    void shouldBeExecutableAndParse() {
        for (final String script : SCRIPTS) {
            assertThat(Repo.path(script)).as(script).isExecutable();
            final ExternalTool.Result result = ExternalTool.exec(List.of("bash", "-n", script), Repo.root(), Map.of(),
                    Duration.ofSeconds(30));
            assertThat(result.succeeded()).as("bash -n %s:\n%s", script, result.output()).isTrue();
        }
    }

    @Test
    void shouldPassShellcheck() {
        final ExternalTool shellcheck = ExternalTool.require("shellcheck", "Debian package shellcheck: apt-get install shellcheck");

        final ExternalTool.Result result = shellcheck.run(Repo.root(), Map.of(), Duration.ofSeconds(60),
                SCRIPTS.toArray(String[]::new));

        assertThat(result.succeeded()).as("shellcheck:\n%s", result.output()).isTrue();
    }

    @Test
    void shouldUseOneJmxExporterVersionEverywhere() {
        // Given: the version the ops-tests pom resolves for the smoke test
        final String version = System.getProperty("jmx.exporter.version", "");

        // Then
        assertThat(version).isNotBlank();
        assertThat(Repo.read("deploy/docker/Dockerfile")).contains("ARG JMX_EXPORTER_VERSION=" + version);
        assertThat(Repo.read("scripts/local-cluster")).contains("JMX_EXPORTER_VERSION=" + version);
    }

    @Test
    void shouldPrintUsageForUnknownCommands() {
        final ExternalTool.Result result = ExternalTool.exec(List.of("scripts/local-cluster", "no-such-command"),
                Repo.root(), Map.of("LOCAL_CLUSTER_DIR", System.getProperty("java.io.tmpdir") + "/ops-tests-usage"),
                Duration.ofSeconds(30));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("scripts/local-cluster start").contains("smoke");
    }
}
