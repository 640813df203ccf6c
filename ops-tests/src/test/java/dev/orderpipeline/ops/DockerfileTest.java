package dev.orderpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.ops.support.ExternalTool;
import dev.orderpipeline.ops.support.Repo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/docker/Dockerfile, read as text (no Docker engine is needed or used): multi-stage with a dependency layer,
 * a non-root JRE runtime with a health check and container-aware JVM flags; linted by hadolint where installed.
 */
class DockerfileTest {

    static final String DOCKERFILE = "deploy/docker/Dockerfile";
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?");

    /** The instructions of the last stage (the image that is shipped). */
    private static String runtimeStage() {
        final String text = Repo.read(DOCKERFILE);
        return text.substring(text.lastIndexOf("\nFROM "));
    }

    @Test
    void shouldBuildInStagesAndShipOnlyAJre() {
        // Given
        final String text = Repo.read(DOCKERFILE);
        final Matcher from = FROM.matcher(text);
        final List<String> stages = new ArrayList<>();
        while (from.find()) {
            stages.add(from.group(1) + " AS " + from.group(2));
        }

        // Then
        assertThat(stages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(text).contains("ARG JDK_IMAGE=eclipse-temurin:21-jdk").contains("ARG JRE_IMAGE=eclipse-temurin:21-jre");
        assertThat(stages.get(stages.size() - 1)).startsWith("${JRE_IMAGE}");
        assertThat(text).doesNotContain(":latest");
    }

    @Test
    void shouldResolveDependenciesInALayerThatOnlyPomsInvalidate() {
        // Given
        final String text = Repo.read(DOCKERFILE);
        final int goOffline = text.indexOf("dependency:go-offline");
        final int sources = text.indexOf("\nCOPY . .", text.indexOf("AS build"));

        // Then: poms first, dependencies, then the sources
        assertThat(text).contains("COPY --from=poms /src /src");
        assertThat(goOffline).isPositive().isLessThan(sources);
        assertThat(text.indexOf("package", sources)).isGreaterThan(sources);
        assertThat(Repo.read("deploy/docker/Dockerfile.dockerignore")).contains("**/target/").contains(".git/");
    }

    @Test
    void shouldRunAsAnUnprivilegedUserWithAHealthCheck() {
        // Given
        final String runtime = runtimeStage();

        // Then
        assertThat(runtime).containsPattern("(?m)^USER 10001:10001$");
        assertThat(runtime).containsPattern("(?m)^HEALTHCHECK .*CMD \\[\"/opt/app/healthcheck.sh\"]");
        assertThat(runtime).contains("ENTRYPOINT [\"/opt/app/entrypoint.sh\"]");
        assertThat(Repo.read("deploy/docker/healthcheck.sh")).contains("/health/live");
    }

    @Test
    void shouldSizeTheJvmFromTheContainer() {
        assertThat(runtimeStage()).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(Repo.read("deploy/docker/entrypoint.sh")).contains("exec java ${JAVA_OPTS:-} ${JAVA_EXTRA_OPTS:-}");
    }

    @Test
    void shouldPassHadolintWhereInstalled() {
        final ExternalTool hadolint = ExternalTool.require("hadolint", "hadolint is not packaged by Debian 12");

        final ExternalTool.Result result = hadolint.run(Repo.root(), Map.of(), Duration.ofSeconds(60), DOCKERFILE);

        assertThat(result.succeeded()).as("hadolint:\n%s", result.output()).isTrue();
    }
}
