package dev.orderpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderpipeline.ops.support.ExternalTool;
import dev.orderpipeline.ops.support.Repo;
import dev.orderpipeline.ops.support.YamlFiles;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: valid for Compose (its own {@code config} check, where installed) and the shape the issue
 * asks for: KRaft Kafka, a registry with BACKWARD compatibility, a one-shot init, two instances of ingest, saga
 * and projections, HAProxy in front, Prometheus and Grafana. Containers are never started here.
 */
class ComposeFileTest {

    static final String COMPOSE = "docker-compose.yml";
    private static final Set<String> APP_ROLES = Set.of("init", "ingest", "saga", "projections", "notifications");

    /** The services, with anchors and merge keys resolved. */
    static Map<String, Map<String, Object>> services() {
        final Map<String, Map<String, Object>> result = new TreeMap<>();
        YamlFiles.map(YamlFiles.document(COMPOSE), "services")
                .forEach((name, service) -> result.put(name, YamlFiles.asMap(service, name)));
        return result;
    }

    private static Map<String, Object> environment(final Map<String, Object> service) {
        final Object env = service.get("environment");
        return env == null ? Map.of() : YamlFiles.asMap(env, "environment");
    }

    private static String role(final Map<String, Object> service) {
        final List<Object> command = YamlFiles.list(service, "command");
        return command.isEmpty() ? null : command.get(0).toString();
    }

    @Test
    void shouldPassComposeConfigValidation() {
        // Given: the Debian docker-compose (v1) or a Docker CLI whose compose plugin works without an engine
        final Optional<ExternalTool> compose = ExternalTool.find("docker-compose");
        final ExternalTool.Result result;
        if (compose.isPresent()) {
            result = compose.get().run(Repo.root(), Map.of(), Duration.ofSeconds(60), "-f", COMPOSE, "config", "-q");
        } else {
            final ExternalTool docker = ExternalTool.require("docker",
                    "Debian package docker-compose: apt-get install docker-compose");
            result = docker.run(Repo.root(), Map.of(), Duration.ofSeconds(60), "compose", "-f", COMPOSE, "config", "-q");
            assumeTrue(!result.output().contains("unknown command") && !result.output().contains("is not a docker command"),
                    "the docker CLI has no compose plugin (apt-get install docker-compose); skipping");
        }

        // Then
        assertThat(result.succeeded()).as("compose config:\n%s", result.output()).isTrue();
    }

    @Test
    void shouldRunTheShapeOfAProductionDeployment() {
        // When
        final Map<String, Map<String, Object>> services = services();

        // Then
        assertThat(services).containsKeys("kafka", "registry", "init", "ingest-1", "ingest-2", "saga-1", "saga-2",
                "projections-1", "projections-2", "notifications-1", "haproxy", "prometheus", "grafana");
        assertThat(services.get("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(environment(services.get("kafka")).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(environment(services.get("registry")).get("APICURIO_RULES_GLOBAL_COMPATIBILITY"))
                .isEqualTo("BACKWARD");
        assertThat(role(services.get("ingest-1"))).isEqualTo("ingest");
        assertThat(role(services.get("saga-2"))).isEqualTo("saga");
        assertThat(role(services.get("projections-2"))).isEqualTo("projections");
    }

    @Test
    void shouldBuildEveryPipelineRoleFromTheOneImage() {
        // Given
        final Map<String, Map<String, Object>> services = services();
        final Set<String> images = new TreeSet<>();
        final List<String> problems = new ArrayList<>();

        // When
        services.forEach((name, service) -> {
            final String role = role(service);
            if (role != null && APP_ROLES.contains(role)) {
                images.add(String.valueOf(service.get("image")));
                final Map<String, Object> build = YamlFiles.asMap(service.get("build"), name + "/build");
                if (!"deploy/docker/Dockerfile".equals(build.get("dockerfile"))) {
                    problems.add(name + " is not built from deploy/docker/Dockerfile");
                }
            }
        });

        // Then
        assertThat(problems).isEmpty();
        assertThat(images).as("images of the pipeline roles").hasSize(1);
        assertThat(Repo.path("deploy/docker/Dockerfile")).isRegularFile();
    }

    @Test
    void shouldCreateTopicsAndSetCompatibilityBeforeAnyServiceStarts() {
        // Given
        final Map<String, Map<String, Object>> services = services();
        final Map<String, Object> init = services.get("init");

        // Then
        assertThat(role(init)).isEqualTo("init");
        assertThat(environment(init)).containsEntry("REGISTRY_COMPATIBILITY", "BACKWARD")
                .containsKeys("TOPIC_PARTITIONS", "TOPIC_REPLICATION_FACTOR");
        services.forEach((name, service) -> {
            final String role = role(service);
            if (role != null && Set.of("ingest", "saga", "projections", "notifications").contains(role)) {
                final Map<String, Object> dependsOn = YamlFiles.asMap(service.get("depends_on"), name);
                assertThat(YamlFiles.asMap(dependsOn.get("init"), name + "/depends_on/init"))
                        .as("%s waits for init", name)
                        .containsEntry("condition", "service_completed_successfully");
            }
        });
    }

    @Test
    void shouldAdvertiseEachProjectionsInstanceUnderItsOwnName() {
        services().forEach((name, service) -> {
            if ("projections".equals(role(service))) {
                final Map<String, Object> env = environment(service);
                assertThat(env.get("HTTP_ADVERTISED_HOST")).as("%s application.server host", name).isEqualTo(name);
                assertThat(service.get("hostname")).as("%s hostname", name).isEqualTo(name);
                assertThat(env.get("PROJECTIONS_INSTANCES")).as("%s instance count", name).isEqualTo("2");
            }
        });
    }

    @Test
    void shouldPointTheLoadBalancerAtEveryIngestAndProjectionsInstance() {
        // Given
        final Map<String, Map<String, Object>> services = services();
        final Map<String, Object> env = environment(services.get("haproxy"));

        // Then
        assertThat(env).containsEntry("INGEST_1", "ingest-1:8080").containsEntry("INGEST_2", "ingest-2:8080")
                .containsEntry("PROJECTIONS_1", "projections-1:8080").containsEntry("PROJECTIONS_2", "projections-2:8080");
        assertThat(YamlFiles.list(services.get("haproxy"), "volumes"))
                .anySatisfy(v -> assertThat(v.toString()).startsWith("./deploy/haproxy/haproxy.cfg:"));
    }

    @Test
    void shouldOnlyReferToDependenciesVolumesAndFilesThatExist() {
        // Given
        final Map<String, Object> compose = YamlFiles.document(COMPOSE);
        final Map<String, Map<String, Object>> services = services();
        final Set<String> volumes = YamlFiles.asMap(compose.get("volumes"), "volumes").keySet();
        final List<String> problems = new ArrayList<>();

        // When
        services.forEach((name, service) -> {
            final Object dependsOn = service.get("depends_on");
            if (dependsOn instanceof Map<?, ?> map) {
                map.keySet().stream().map(Object::toString).filter(d -> !services.containsKey(d))
                        .forEach(d -> problems.add(name + " depends on unknown service " + d));
            } else if (dependsOn instanceof List<?> list) {
                list.stream().map(Object::toString).filter(d -> !services.containsKey(d))
                        .forEach(d -> problems.add(name + " depends on unknown service " + d));
            }
            for (final Object mount : YamlFiles.list(service, "volumes")) {
                final String source = mount.toString().split(":")[0];
                if (source.startsWith("./")) {
                    if (!Files.exists(Repo.path(source.substring(2)))) {
                        problems.add(name + " mounts missing " + source);
                    }
                } else if (!volumes.contains(source)) {
                    problems.add(name + " mounts undeclared volume " + source);
                }
            }
        });

        // Then
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldPublishPortsOnLoopbackOnly() {
        final List<String> exposed = new ArrayList<>();
        services().forEach((name, service) -> YamlFiles.list(service, "ports").forEach(port -> {
            if (!port.toString().startsWith("127.0.0.1:")) {
                exposed.add(name + " " + port);
            }
        }));
        assertThat(exposed).as("ports published beyond this host").isEmpty();
    }
}
