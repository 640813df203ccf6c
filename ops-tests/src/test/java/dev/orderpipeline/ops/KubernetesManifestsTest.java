package dev.orderpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.ops.support.ExternalTool;
import dev.orderpipeline.ops.support.Repo;
import dev.orderpipeline.ops.support.YamlFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s, checked offline. Each document is deserialized into the Kubernetes API types (fabric8's model,
 * generated from the Kubernetes OpenAPI schema): an unknown kind, an unknown or misspelt field anywhere, or a value
 * of the wrong type fails — the schema check {@code kubectl apply --dry-run} would need a cluster for. On top, the
 * rules of this deployment: selectors that match, probes, resources, security, the Services and budgets the issue
 * asks for. {@code kubectl kustomize} runs too where installed.
 */
class KubernetesManifestsTest {

    static final String DIR = "deploy/k8s";
    /** Secrets the manifests require that an operator creates (scripts/k8s-secret; deploy/README.md). */
    static final Set<String> EXTERNAL_SECRETS = Set.of("order-pipeline-credentials");
    static final Set<String> ROLES = Set.of("init", "ingest", "saga", "projections", "notifications");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Manifest(String file, Map<String, Object> raw, KubernetesResource resource) {
        HasMetadata object() {
            return (HasMetadata) resource;
        }

        String name() {
            return object().getKind() + "/" + object().getMetadata().getName();
        }
    }

    static List<String> resourceFiles() {
        final Map<String, Object> kustomization = YamlFiles.document(DIR + "/kustomization.yaml");
        return YamlFiles.list(kustomization, "resources").stream().map(Object::toString).toList();
    }

    static List<Manifest> manifests() {
        final List<Manifest> result = new ArrayList<>();
        for (final String file : resourceFiles()) {
            for (final Map<String, Object> document : YamlFiles.documents(DIR + "/" + file)) {
                result.add(new Manifest(file, document, JSON.convertValue(document, KubernetesResource.class)));
            }
        }
        return result;
    }

    private static <T> List<T> all(final List<Manifest> manifests, final Class<T> type) {
        return manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T named(final List<Manifest> manifests, final Class<T> type,
                                                   final String name) {
        return all(manifests, type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** Workloads with their pod templates: Deployments, StatefulSets, Jobs. */
    private static Map<String, PodTemplateSpec> podTemplates(final List<Manifest> manifests) {
        final Map<String, PodTemplateSpec> templates = new TreeMap<>();
        all(manifests, Deployment.class).forEach(d -> templates.put("Deployment/" + d.getMetadata().getName(),
                d.getSpec().getTemplate()));
        all(manifests, StatefulSet.class).forEach(s -> templates.put("StatefulSet/" + s.getMetadata().getName(),
                s.getSpec().getTemplate()));
        all(manifests, Job.class).forEach(j -> templates.put("Job/" + j.getMetadata().getName(),
                j.getSpec().getTemplate()));
        return templates;
    }

    private static boolean selects(final Map<String, String> selector, final Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }

    private static Stream<Container> allContainers(final PodSpec spec) {
        return Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream());
    }

    // ------------------------------------------------------------------------------------------- schema checks ----

    @Test
    void shouldListEveryManifestFileInTheKustomization() throws IOException {
        // Given
        final Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(Repo.path(DIR))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.equals("kustomization.yaml")).forEach(onDisk::add);
        }

        // Then
        assertThat(new TreeSet<>(resourceFiles())).isEqualTo(onDisk);
    }

    @Test
    void shouldDeserializeEveryDocumentIntoAKnownKubernetesKind() {
        // When
        final List<Manifest> manifests = manifests();

        // Then
        assertThat(manifests).allSatisfy(m -> assertThat(m.resource())
                .as("%s %s/%s", m.file(), m.raw().get("apiVersion"), m.raw().get("kind"))
                .isNotInstanceOf(GenericKubernetesResource.class)
                .isInstanceOf(HasMetadata.class));
        assertThat(manifests.stream().map(m -> m.object().getMetadata().getName())).doesNotContainNull();
    }

    @Test
    void shouldUseOnlyFieldsTheKubernetesApiDefines() {
        // Given
        final List<String> unknown = new ArrayList<>();

        // When: anything Jackson could not map to a field of the API type lands in additionalProperties
        for (final Manifest manifest : manifests()) {
            collectUnknownFields(manifest.resource(), manifest.file() + ":" + manifest.name(), unknown);
        }

        // Then
        assertThat(unknown).as("fields unknown to the Kubernetes API").isEmpty();
    }

    private static void collectUnknownFields(final Object node, final String path, final List<String> unknown) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown));
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (final Object item : collection) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (final Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            final Object value;
            try {
                value = getter.invoke(node);
            } catch (final IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    @Test
    void shouldBuildWithKustomizeWhereKubectlIsInstalled() {
        // Given
        final ExternalTool kubectl = ExternalTool.require("kubectl", "kubectl, e.g. Debian package kubernetes-client");

        // When
        final ExternalTool.Result result = kubectl.run(Repo.root(), Map.of(), Duration.ofSeconds(60), "kustomize", DIR);

        // Then
        assertThat(result.succeeded()).as("kubectl kustomize:\n%s", result.output()).isTrue();
        assertThat(result.output().lines().filter(l -> l.startsWith("kind: ")).count())
                .isEqualTo(manifests().size());
        assertThat(result.output()).contains("namespace: order-pipeline");
    }

    // ---------------------------------------------------------------------------------------- what is deployed ----

    @Test
    void shouldRunIngestAsAnAutoscaledBudgetedDeploymentOfThreeBehindAService() {
        // Given
        final List<Manifest> manifests = manifests();
        final Deployment ingest = named(manifests, Deployment.class, "ingest");
        final Map<String, String> labels = ingest.getSpec().getTemplate().getMetadata().getLabels();

        // Then
        assertThat(ingest.getSpec().getReplicas()).isEqualTo(3);
        assertThat(named(manifests, Service.class, "ingest").getSpec().getSelector()).satisfies(s ->
                assertThat(selects(s, labels)).as("Service ingest selects the ingest pods").isTrue());
        final HorizontalPodAutoscaler hpa = named(manifests, HorizontalPodAutoscaler.class, "ingest");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("ingest");
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
        final PodDisruptionBudget pdb = named(manifests, PodDisruptionBudget.class, "ingest");
        assertThat(selects(pdb.getSpec().getSelector().getMatchLabels(), labels)).isTrue();
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isLessThan(ingest.getSpec().getReplicas());
    }

    @Test
    void shouldRunTheStreamsServicesAsStatefulSetsWithVolumesAndHeadlessServices() {
        // Given
        final List<Manifest> manifests = manifests();

        for (final String name : List.of("saga", "projections")) {
            final StatefulSet set = named(manifests, StatefulSet.class, name);
            final Map<String, String> labels = set.getSpec().getTemplate().getMetadata().getLabels();

            // Then: state on a persistent volume, mounted where the role keeps it
            assertThat(set.getSpec().getVolumeClaimTemplates()).as("%s volume claims", name).hasSize(1);
            final String claim = set.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
            final Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getVolumeMounts()).as("%s mounts %s", name, claim)
                    .anySatisfy(m -> {
                        assertThat(m.getName()).isEqualTo(claim);
                        assertThat(m.getMountPath()).isEqualTo("/var/lib/order-pipeline/state");
                    });
            // ... a headless Service for instance addressing
            final Service headless = named(manifests, Service.class, set.getSpec().getServiceName());
            assertThat(headless.getSpec().getClusterIP()).as("%s service", headless.getMetadata().getName())
                    .isEqualTo("None");
            assertThat(selects(headless.getSpec().getSelector(), labels)).isTrue();
            // ... and a disruption budget
            assertThat(all(manifests, PodDisruptionBudget.class)).anySatisfy(pdb ->
                    assertThat(selects(pdb.getSpec().getSelector().getMatchLabels(), labels)).isTrue());
        }
    }

    @Test
    void shouldAdvertiseEachProjectionsPodByItsStableNameForInteractiveQueries() {
        // Given
        final List<Manifest> manifests = manifests();
        final StatefulSet projections = named(manifests, StatefulSet.class, "projections");
        final List<EnvVar> env = projections.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        final List<String> names = env.stream().map(EnvVar::getName).toList();

        // Then: application.server = <pod>.<headless service>, POD_NAME defined before it is referenced
        final EnvVar advertised = env.stream().filter(e -> e.getName().equals("HTTP_ADVERTISED_HOST")).findFirst()
                .orElseThrow();
        assertThat(advertised.getValue()).isEqualTo("$(POD_NAME)." + projections.getSpec().getServiceName());
        assertThat(names.indexOf("POD_NAME")).isNotNegative().isLessThan(names.indexOf("HTTP_ADVERTISED_HOST"));
        assertThat(env.get(names.indexOf("POD_NAME")).getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.name");
        assertThat(env.stream().filter(e -> e.getName().equals("PROJECTIONS_INSTANCES")).findFirst().orElseThrow()
                .getValue()).isEqualTo(projections.getSpec().getReplicas().toString());
        assertThat(named(manifests, Service.class, projections.getSpec().getServiceName()).getSpec()
                .getPublishNotReadyAddresses()).isTrue();
    }

    @Test
    void shouldCreateEnoughPartitionsForEveryStreamsInstance() {
        // Given
        final List<Manifest> manifests = manifests();
        final Job init = named(manifests, Job.class, "order-pipeline-init");
        final int partitions = Integer.parseInt(init.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .stream().filter(e -> e.getName().equals("TOPIC_PARTITIONS")).findFirst().orElseThrow().getValue());

        // Then: instances beyond the partition count would idle
        assertThat(all(manifests, StatefulSet.class)).allSatisfy(s ->
                assertThat(s.getSpec().getReplicas()).as("%s replicas", s.getMetadata().getName())
                        .isLessThanOrEqualTo(partitions));
        assertThat(init.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("init");
    }

    // ------------------------------------------------------------------------------------------ every workload ----

    @Test
    void shouldSelectTheWorkloadsOwnPodsEverywhere() {
        // Given
        final List<Manifest> manifests = manifests();
        final List<String> problems = new ArrayList<>();
        final Map<String, PodTemplateSpec> templates = podTemplates(manifests);

        // When
        all(manifests, Deployment.class).forEach(d -> {
            if (!selects(d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate().getMetadata().getLabels())) {
                problems.add("Deployment " + d.getMetadata().getName() + " selector does not match its pods");
            }
        });
        all(manifests, StatefulSet.class).forEach(s -> {
            if (!selects(s.getSpec().getSelector().getMatchLabels(), s.getSpec().getTemplate().getMetadata().getLabels())) {
                problems.add("StatefulSet " + s.getMetadata().getName() + " selector does not match its pods");
            }
        });
        all(manifests, Service.class).forEach(s -> {
            final long matched = templates.values().stream()
                    .filter(t -> selects(s.getSpec().getSelector(), t.getMetadata().getLabels())).count();
            if (matched != 1) {
                problems.add("Service " + s.getMetadata().getName() + " selects " + matched + " workloads");
            }
        });
        all(manifests, PodDisruptionBudget.class).forEach(p -> {
            final long matched = templates.values().stream()
                    .filter(t -> selects(p.getSpec().getSelector().getMatchLabels(), t.getMetadata().getLabels())).count();
            if (matched != 1) {
                problems.add("PodDisruptionBudget " + p.getMetadata().getName() + " selects " + matched + " workloads");
            }
        });

        // Then
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldProbeEveryLongRunningContainerForLivenessAndReadiness() {
        // Given
        final List<Manifest> manifests = manifests();
        final List<String> problems = new ArrayList<>();
        final Map<String, PodSpec> specs = new TreeMap<>();
        all(manifests, Deployment.class).forEach(d -> specs.put(d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        all(manifests, StatefulSet.class).forEach(s -> specs.put(s.getMetadata().getName(), s.getSpec().getTemplate().getSpec()));

        // When
        specs.forEach((workload, spec) -> spec.getContainers().forEach(c -> {
            final String where = workload + "/" + c.getName();
            checkProbe(where, "liveness", c.getLivenessProbe(), "/health/live", c, problems);
            checkProbe(where, "readiness", c.getReadinessProbe(), "/health/ready", c, problems);
            if (c.getStartupProbe() != null) {
                checkProbe(where, "startup", c.getStartupProbe(), "/health/live", c, problems);
            }
        }));

        // Then
        assertThat(specs).isNotEmpty();
        assertThat(problems).isEmpty();
    }

    private static void checkProbe(final String where, final String kind, final Probe probe, final String path,
                                   final Container container, final List<String> problems) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(where + ": no HTTP " + kind + " probe");
            return;
        }
        final HTTPGetAction get = probe.getHttpGet();
        if (!path.equals(get.getPath())) {
            problems.add(where + ": " + kind + " probe path " + get.getPath() + ", expected " + path);
        }
        final boolean portExists = container.getPorts().stream().anyMatch(p ->
                Objects.equals(p.getName(), get.getPort().getStrVal())
                        || Objects.equals(p.getContainerPort(), get.getPort().getIntVal()));
        if (!portExists) {
            problems.add(where + ": " + kind + " probe port " + get.getPort() + " is not a container port");
        }
    }

    @Test
    void shouldRequestAndLimitCpuAndMemoryForEveryContainer() {
        // Given
        final List<String> problems = new ArrayList<>();

        // When
        podTemplates(manifests()).forEach((workload, template) -> allContainers(template.getSpec()).forEach(c -> {
            final String where = workload + "/" + c.getName();
            final Map<String, Quantity> requests = c.getResources() == null ? Map.of() : c.getResources().getRequests();
            final Map<String, Quantity> limits = c.getResources() == null ? Map.of() : c.getResources().getLimits();
            for (final String resource : List.of("cpu", "memory")) {
                final Quantity request = requests.get(resource);
                final Quantity limit = limits.get(resource);
                if (request == null || limit == null) {
                    problems.add(where + ": needs a " + resource + " request and limit");
                } else if (Quantity.getAmountInBytes(limit).compareTo(Quantity.getAmountInBytes(request)) < 0) {
                    problems.add(where + ": " + resource + " limit " + limit + " below request " + request);
                }
            }
        }));

        // Then
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldRunEveryContainerUnprivilegedWithAReadOnlyRootFileSystem() {
        final List<String> problems = new ArrayList<>();
        podTemplates(manifests()).forEach((workload, template) -> {
            final PodSpec spec = template.getSpec();
            if (spec.getSecurityContext() == null || !Boolean.TRUE.equals(spec.getSecurityContext().getRunAsNonRoot())) {
                problems.add(workload + ": pod must set runAsNonRoot");
            }
            if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
                problems.add(workload + ": must not mount a service account token");
            }
            allContainers(spec).forEach(c -> {
                final var sc = c.getSecurityContext();
                if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())
                        || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())
                        || sc.getCapabilities() == null || !sc.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(workload + "/" + c.getName() + ": needs allowPrivilegeEscalation=false, "
                            + "readOnlyRootFilesystem=true, capabilities drop ALL");
                }
                if (c.getVolumeMounts().stream().noneMatch(m -> m.getMountPath().equals("/tmp"))) {
                    problems.add(workload + "/" + c.getName() + ": read-only root needs a writable /tmp");
                }
                if (!"order-pipeline".equals(c.getImage())) {
                    problems.add(workload + "/" + c.getName() + ": image " + c.getImage()
                            + " (kustomization's images: sets the real one)");
                }
                if (c.getArgs().isEmpty() || !ROLES.contains(c.getArgs().get(0))) {
                    problems.add(workload + "/" + c.getName() + ": args " + c.getArgs() + " name no launcher role");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldConfigureThroughConfigMapsAndSecretsThatExistOrAreDocumented() {
        // Given
        final List<Manifest> manifests = manifests();
        final Set<String> configMaps = new TreeSet<>();
        all(manifests, ConfigMap.class).forEach(c -> configMaps.add(c.getMetadata().getName()));
        final List<String> problems = new ArrayList<>();
        final Set<String> requiredSecrets = new TreeSet<>();

        // When
        podTemplates(manifests).forEach((workload, template) -> {
            allContainers(template.getSpec()).forEach(c -> {
                for (final EnvFromSource from : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && !configMaps.contains(from.getConfigMapRef().getName())) {
                        problems.add(workload + ": unknown ConfigMap " + from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        requiredSecrets.add(from.getSecretRef().getName());
                    }
                }
            });
            for (final Volume volume : template.getSpec().getVolumes()) {
                if (volume.getSecret() != null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                    requiredSecrets.add(volume.getSecret().getSecretName());
                }
            }
        });

        // Then: required Secrets are created by the operator, as documented, never committed
        assertThat(problems).isEmpty();
        assertThat(configMaps).isNotEmpty();
        assertThat(EXTERNAL_SECRETS).containsAll(requiredSecrets);
        for (final String secret : requiredSecrets) {
            assertThat(Repo.read("deploy/README.md")).as("deploy/README.md explains %s", secret).contains(secret);
            assertThat(Repo.read("scripts/k8s-secret")).as("scripts/k8s-secret makes %s", secret).contains(secret);
        }
        assertThat(manifests.stream().map(m -> m.raw().get("kind"))).doesNotContain("Secret");
    }

    @Test
    void shouldDenyTrafficByDefault() {
        // Given
        final List<NetworkPolicy> policies = all(manifests(), NetworkPolicy.class);

        // Then
        final Optional<NetworkPolicy> defaultDeny = policies.stream()
                .filter(p -> p.getSpec().getPodSelector().getMatchLabels().isEmpty()
                        && p.getSpec().getPodSelector().getMatchExpressions().isEmpty()
                        && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty())
                .findFirst();
        assertThat(defaultDeny).as("a policy selecting every pod and allowing nothing").isPresent();
        assertThat(defaultDeny.get().getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policies).anySatisfy(p -> assertThat(p.getSpec().getIngress()).isNotEmpty());
    }
}
