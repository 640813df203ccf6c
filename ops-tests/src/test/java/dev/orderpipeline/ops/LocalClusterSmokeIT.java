package dev.orderpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderpipeline.ops.support.ExternalTool;
import dev.orderpipeline.ops.support.Repo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code scripts/local-cluster smoke} for real: a KRaft broker process, Apicurio Registry, two instances each of
 * ingest, saga and projections, HAProxy in front, all on loopback; orders placed through HAProxy must reach the
 * monthly-sales view on both projections instances. Then, on the running cluster, every metric the alert rules
 * and the dashboard use must be exported by the process that should export it.
 *
 * <p>About 70 s on two cores, so it runs in {@code ./pipeline test}; {@code -DskipLocalCluster} skips it. Every
 * process is bounded: the cluster stops in {@link #stop()} and, should this JVM be killed, each process stops by
 * itself after {@code LOCAL_CLUSTER_MAX_LIFETIME}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterSmokeIT {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(6);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Map<String, String> env;
    private int base;

    @BeforeAll
    void checkPrerequisites() throws IOException {
        ExternalTool.require("haproxy", "Debian package haproxy: apt-get install haproxy");
        final Path jar = Path.of(System.getProperty("app.jar", ""));
        assumeTrue(Files.isRegularFile(jar), () -> "no application jar at " + jar + " (build local-stack first)");
        base = freePortBlock();
        final Path dir = Path.of(System.getProperty("local.cluster.dir", "target/local-cluster"));
        env = new HashMap<>();
        env.put("LOCAL_CLUSTER_DIR", dir.toAbsolutePath().toString());
        env.put("LOCAL_CLUSTER_PORT_BASE", Integer.toString(base));
        env.put("LOCAL_CLUSTER_JAR", jar.toAbsolutePath().toString());
        env.put("LOCAL_CLUSTER_APICURIO_TARBALL", System.getProperty("apicurio.tarball", ""));
        env.put("LOCAL_CLUSTER_JMX_AGENT", System.getProperty("jmx.agent", ""));
        env.put("LOCAL_CLUSTER_MAX_LIFETIME", "12m");
        env.put("LOCAL_CLUSTER_TIMEOUT", "240");
        // Prometheus is not needed here: the metric contract is checked against the exporters directly.
        env.put("LOCAL_CLUSTER_PROMETHEUS", "0");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // The cluster outlives `smoke` for the checks below; stop() ends it.
        env.put("SMOKE_KEEP", "1");
        // A fresh cluster every run: no state from an earlier, possibly killed, run.
        script("stop");
        deleteRecursively(dir);
    }

    @AfterAll
    void stop() {
        if (env != null) {
            final ExternalTool.Result result = script("stop");
            assertThat(result.succeeded()).as("local-cluster stop:\n%s", result.output()).isTrue();
        }
    }

    private ExternalTool.Result script(final String... args) {
        final List<String> command = new ArrayList<>();
        command.add(Repo.path("scripts/local-cluster").toString());
        command.addAll(List.of(args));
        return ExternalTool.exec(command, Repo.root(), env, SCRIPT_TIMEOUT);
    }

    @Test
    @Order(1)
    void shouldServeOrdersThroughTheLoadBalancerFromEitherProjectionsInstance() {
        // When: start, 6 orders through HAProxy, confirmed, counted by both projections instances
        final ExternalTool.Result smoke = script("smoke");

        // Then
        assertThat(smoke.succeeded()).as("local-cluster smoke:\n%s", smoke.output()).isTrue();
        assertThat(smoke.output()).contains("smoke: passed").contains("CONFIRMED")
                .contains("show the orders on projections-1 and projections-2");
    }

    @Test
    @Order(2)
    void shouldReportEveryProcessReady() {
        final ExternalTool.Result status = script("status");

        assertThat(status.succeeded()).isTrue();
        for (final String name : List.of("kafka", "registry", "saga-1", "saga-2", "projections-1", "projections-2",
                "ingest-1", "ingest-2", "haproxy")) {
            assertThat(status.output()).as("status of %s:\n%s", name, status.output())
                    .containsPattern("(?m)^" + name + "\\s+\\d+\\s+(ready|up)\\s");
        }
    }

    @Test
    @Order(3)
    void shouldExportEveryMetricTheAlertsAndTheDashboardUse() {
        // Given: what each running process exports (instances of a role export the same names)
        final Map<String, Set<String>> exported = new TreeMap<>();
        exported.put("ingest", scrape(base + 101, base + 102));
        exported.put("saga", scrape(base + 111, base + 112));
        exported.put("projections", scrape(base + 121, base + 122));
        exported.put("haproxy", scrape(base + 81));
        exported.put("kafka", scrape(base + 94));
        final boolean notificationsRunning = script("status").output().lines()
                .anyMatch(l -> l.matches("notifications-1\\s+\\d+\\s+ready\\s.*"));
        if (notificationsRunning) {
            exported.put("notifications", scrape(base + 131));
        }
        final Set<String> all = new TreeSet<>();
        exported.values().forEach(all::addAll);
        all.add("up");

        // When
        final Set<String> used = new TreeSet<>(PrometheusRulesTest.metricNames());
        used.addAll(GrafanaDashboardTest.metricNames());
        final Set<String> missing = new TreeSet<>(used);
        missing.removeAll(all);
        if (!notificationsRunning) {
            // The dispatcher is not in the jar yet: its names are checked once it runs here.
            missing.removeIf(name -> name.startsWith("notifications_"));
        }

        // Then
        assertThat(missing).as("metrics used by rules or dashboard that no running process exports").isEmpty();
        assertThat(exported.get("kafka")).contains("kafka_server_topic_messages_in_total");
        assertThat(exported.get("haproxy")).contains("haproxy_server_status");
    }

    /** The metric names the /metrics endpoints of some instances serve together. */
    private Set<String> scrape(final int... ports) {
        final Set<String> names = new TreeSet<>();
        for (final int port : ports) {
            names.addAll(scrapeOne(port));
        }
        return names;
    }

    /** The metric names a /metrics endpoint serves (histogram series by their full names). */
    private Set<String> scrapeOne(final int port) {
        try {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET :%s/metrics", port).isEqualTo(200);
            final Set<String> names = new TreeSet<>();
            response.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("[{ ]", 2)[0]).forEach(names::add);
            return names;
        } catch (final IOException e) {
            throw new AssertionError("cannot scrape port " + port, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A base port whose block (base+80 .. base+140) is free right now: between 20000 and 32000, so below Linux's
     * ephemeral range (32768 and up), where an outgoing connection could take a port before a server binds it.
     */
    private static int freePortBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            final int candidate = 20_000 + 200 * ThreadLocalRandom.current().nextInt(0, 60);
            if (rangeFree(candidate + 80, candidate + 140)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free block of ports for the local cluster");
    }

    private static boolean rangeFree(final int from, final int to) {
        for (int port = from; port <= to; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (final IOException e) {
                return false;
            }
        }
        return true;
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
