package dev.orderpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.ops.support.ExternalTool;
import dev.orderpipeline.ops.support.PromQl;
import dev.orderpipeline.ops.support.Repo;
import dev.orderpipeline.ops.support.YamlFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioned Grafana data source and dashboard: every panel queries the provisioned data source with valid
 * PromQL (checked by promtool, as recording rules, where installed), and the dashboard shows what the issue lists.
 */
class GrafanaDashboardTest {

    static final String DASHBOARD = "deploy/grafana/dashboards/order-pipeline.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Query(String panel, String expr) {
    }

    static JsonNode dashboard() {
        try {
            return JSON.readTree(Repo.read(DASHBOARD));
        } catch (final IOException e) {
            throw new AssertionError(DASHBOARD + " is not JSON", e);
        }
    }

    static List<Query> queries() {
        final List<Query> queries = new ArrayList<>();
        for (final JsonNode panel : dashboard().path("panels")) {
            for (final JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("title").asText(), target.path("expr").asText()));
            }
        }
        return queries;
    }

    /** The expression with Grafana's variables replaced by something Prometheus accepts. */
    static String promql(final String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__range", "1h").replace("$__interval", "1m");
    }

    /** The metric names every panel queries. */
    static Set<String> metricNames() {
        final Set<String> names = new TreeSet<>();
        queries().forEach(q -> names.addAll(PromQl.metricNames(promql(q.expr()))));
        return names;
    }

    @Test
    void shouldQueryTheProvisionedDataSourceFromEveryPanel() {
        // Given
        final Map<String, Object> provisioned = YamlFiles.asMap(YamlFiles.list(
                YamlFiles.document("deploy/grafana/provisioning/datasources/prometheus.yml"), "datasources").get(0), "ds");
        final String uid = provisioned.get("uid").toString();
        final List<String> problems = new ArrayList<>();

        // When
        for (final JsonNode panel : dashboard().path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (!panel.path("datasource").path("uid").asText().equals(uid)) {
                problems.add(panel.path("title").asText() + ": data source " + panel.path("datasource"));
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(panel.path("title").asText() + ": no queries");
            }
            for (final JsonNode target : panel.path("targets")) {
                if (target.path("expr").asText().isBlank()) {
                    problems.add(panel.path("title").asText() + ": empty query " + target.path("refId"));
                }
            }
        }

        // Then
        assertThat(provisioned.get("type")).isEqualTo("prometheus");
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldShowWhatOperatorsNeed() {
        // Given
        final String titles = String.join("\n", dashboard().findValuesAsText("title")).toLowerCase(Locale.ROOT);
        final String exprs = String.join("\n", queries().stream().map(Query::expr).toList());

        // Then: request rate, p50/p99 latency, error rate, consumer lag, saga outcomes, JVM/CPU/memory
        assertThat(titles).contains("request rate", "p50 / p99", "error rate", "consumer lag", "saga", "cpu", "heap");
        assertThat(exprs).contains("histogram_quantile(0.5,", "histogram_quantile(0.99,",
                "kafka_consumer_fetch_manager_records_lag_max", "process_cpu_usage", "jvm_memory_used_bytes",
                "kafka_server_topic_messages_in_total");
        assertThat(dashboard().path("uid").asText()).isEqualTo("order-pipeline");
    }

    @Test
    void shouldPlacePanelsWithoutOverlap() {
        // Given
        final List<int[]> boxes = new ArrayList<>();
        final List<String> overlaps = new ArrayList<>();

        // When
        for (final JsonNode panel : dashboard().path("panels")) {
            final JsonNode g = panel.path("gridPos");
            final int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            for (final int[] other : boxes) {
                if (box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3]) {
                    overlaps.add(panel.path("title").asText());
                }
            }
            if (box[0] + box[2] > 24) {
                overlaps.add(panel.path("title").asText() + " is wider than the grid");
            }
            boxes.add(box);
        }

        // Then
        assertThat(overlaps).isEmpty();
    }

    @Test
    void shouldOnlyHoldValidPromQl(@TempDir final Path dir) throws IOException {
        // Given: every panel query as a recording rule, which promtool parses and type-checks
        final ExternalTool promtool = ExternalTool.require("promtool", "Debian package prometheus: apt-get install prometheus");
        final StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        int i = 0;
        for (final Query query : queries()) {
            rules.append("      - record: dashboard:query_").append(i++).append('\n')
                    .append("        expr: ").append(JSON.writeValueAsString(promql(query.expr()))).append('\n');
        }
        final Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules, StandardCharsets.UTF_8);

        // When
        final ExternalTool.Result result = promtool.run(dir, Map.of(), Duration.ofSeconds(60), "check", "rules",
                file.toString());

        // Then
        assertThat(result.succeeded()).as("promtool check rules on the dashboard queries:\n%s", result.output()).isTrue();
    }
}
