package dev.orderpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.ops.support.ExternalTool;
import dev.orderpipeline.ops.support.PromQl;
import dev.orderpipeline.ops.support.Repo;
import dev.orderpipeline.ops.support.YamlFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus configuration and alert rules: valid for Prometheus ({@code promtool check}), behaving as their
 * unit tests say ({@code promtool test rules}), and covering what the product brief asks for.
 */
class PrometheusRulesTest {

    static final String CONFIG = "deploy/prometheus/prometheus.yml";
    static final String RULES = "deploy/prometheus/rules/order-pipeline.rules.yml";
    static final String RULE_TESTS = "deploy/prometheus/tests/order-pipeline.rules.test.yml";
    private static final String INSTALL = "Debian package prometheus: apt-get install prometheus";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Every alerting rule of the rules file, by name. */
    static Map<String, Map<String, Object>> alerts() {
        final Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (final Object group : YamlFiles.list(YamlFiles.document(RULES), "groups")) {
            for (final Object rule : YamlFiles.list(YamlFiles.asMap(group, "group"), "rules")) {
                final Map<String, Object> r = YamlFiles.asMap(rule, "rule");
                if (r.containsKey("alert")) {
                    alerts.put(r.get("alert").toString(), r);
                }
            }
        }
        return alerts;
    }

    /** The metric names every alert expression selects. */
    static Set<String> metricNames() {
        final Set<String> names = new TreeSet<>();
        alerts().values().forEach(rule -> names.addAll(PromQl.metricNames(rule.get("expr").toString())));
        return names;
    }

    @Test
    void shouldPassPromtoolCheckConfigIncludingTheRuleFiles() {
        // Given
        final ExternalTool promtool = ExternalTool.require("promtool", INSTALL);

        // When
        final ExternalTool.Result result = promtool.run(Repo.root(), Map.of(), TIMEOUT, "check", "config", CONFIG);

        // Then
        assertThat(result.succeeded()).as("promtool check config:\n%s", result.output()).isTrue();
        assertThat(result.output()).contains("rules found");
    }

    @Test
    void shouldPassPromtoolCheckRules() {
        final ExternalTool promtool = ExternalTool.require("promtool", INSTALL);

        final ExternalTool.Result result = promtool.run(Repo.root(), Map.of(), TIMEOUT, "check", "rules", RULES);

        assertThat(result.succeeded()).as("promtool check rules:\n%s", result.output()).isTrue();
    }

    @Test
    void shouldPassTheRuleUnitTests() {
        final ExternalTool promtool = ExternalTool.require("promtool", INSTALL);

        final ExternalTool.Result result = promtool.run(Repo.root(), Map.of(), TIMEOUT, "test", "rules", RULE_TESTS);

        assertThat(result.succeeded()).as("promtool test rules:\n%s", result.output()).isTrue();
    }

    @Test
    void shouldHaveAUnitTestForEveryAlert() {
        // Given
        final Set<String> tested = new TreeSet<>();
        for (final Object test : YamlFiles.list(YamlFiles.document(RULE_TESTS), "tests")) {
            for (final Object check : YamlFiles.list(YamlFiles.asMap(test, "test"), "alert_rule_test")) {
                final Map<String, Object> c = YamlFiles.asMap(check, "alert_rule_test");
                if (!YamlFiles.list(c, "exp_alerts").isEmpty()) {
                    tested.add(c.get("alertname").toString());
                }
            }
        }

        // Then
        assertThat(tested).as("alerts with a test case that expects them to fire").containsAll(alerts().keySet());
    }

    @Test
    void shouldCoverTheAlertsOfTheProductBrief() {
        // When
        final Map<String, Map<String, Object>> alerts = alerts();

        // Then: CPU > 80 %, p99 > 500 ms, error rate, lag growing, not ready, dead letters
        assertThat(alerts.get("HighCpuUsage").get("expr").toString()).contains("process_cpu_usage").contains("0.8");
        assertThat(alerts.get("HighP99Latency").get("expr").toString()).contains("histogram_quantile(0.99")
                .contains("> 0.5");
        assertThat(alerts).containsKeys("HighErrorRate", "LoadBalancerBackendErrors", "ConsumerLagGrowing",
                "InstanceNotReady", "InstanceDown", "StreamsNotRunning", "DeadLetterRecords",
                "NotificationsDeadLettered");
        assertThat(alerts.get("ConsumerLagGrowing").get("expr").toString()).contains("deriv(");
    }

    @Test
    void shouldGiveEveryAlertASeverityASummaryAndADescription() {
        final List<String> problems = new ArrayList<>();
        alerts().forEach((name, rule) -> {
            final Object labels = rule.get("labels");
            final Object annotations = rule.get("annotations");
            if (labels == null || !Set.of("warning", "critical").contains(
                    YamlFiles.asMap(labels, name).getOrDefault("severity", "").toString())) {
                problems.add(name + ": severity label must be warning or critical");
            }
            if (annotations == null || !YamlFiles.asMap(annotations, name).keySet().containsAll(
                    Set.of("summary", "description"))) {
                problems.add(name + ": needs summary and description annotations");
            }
        });
        assertThat(problems).as("alert rule problems").isEmpty();
    }

    @Test
    void shouldScrapeEveryComposeServiceThatExportsMetrics() {
        // Given
        final Set<String> targets = new TreeSet<>();
        for (final Object job : YamlFiles.list(YamlFiles.document(CONFIG), "scrape_configs")) {
            for (final Object staticConfig : YamlFiles.list(YamlFiles.asMap(job, "job"), "static_configs")) {
                YamlFiles.list(YamlFiles.asMap(staticConfig, "static_configs"), "targets")
                        .forEach(t -> targets.add(t.toString().replaceAll(":\\d+$", "")));
            }
        }
        final Set<String> services = ComposeFileTest.services().keySet();

        // Then
        assertThat(services).as("compose services for every scrape target").containsAll(targets);
        assertThat(targets).as("scrape targets").contains("ingest-1", "ingest-2", "saga-1", "saga-2",
                "projections-1", "projections-2", "notifications-1", "haproxy", "kafka", "registry");
    }
}
