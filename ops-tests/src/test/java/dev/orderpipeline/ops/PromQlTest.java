package dev.orderpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.ops.support.PromQl;
import org.junit.jupiter.api.Test;

/** The metric-name extraction the metric contract of the rules and the dashboard relies on. */
class PromQlTest {

    @Test
    void shouldFindSelectorsButNotFunctionsLabelsOrKeywords() {
        assertThat(PromQl.metricNames("""
                histogram_quantile(0.99, sum by (application, le) (rate(http_server_requests_seconds_bucket{route!~"/health/.*|/metrics"}[5m]))) > 0.5
                and on (application) sum by (application) (rate(http_server_requests_seconds_count[5m])) > 0.1"""))
                .containsExactly("http_server_requests_seconds_bucket", "http_server_requests_seconds_count");
    }

    @Test
    void shouldFindBareSelectorsSubqueriesAndOffsets() {
        assertThat(PromQl.metricNames("up == 0")).containsExactly("up");
        assertThat(PromQl.metricNames("deriv(max by (instance) (lag_max{client_id!~\".*restore\"})[10m:1m]) > 0"))
                .containsExactly("lag_max");
        assertThat(PromQl.metricNames("sum(x) > 0 unless sum(y offset 5m) or vector(0)"))
                .containsExactly("x", "y");
    }
}
