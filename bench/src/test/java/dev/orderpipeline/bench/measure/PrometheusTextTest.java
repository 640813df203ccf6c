package dev.orderpipeline.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP projections_forwarded_queries_total Queries forwarded to the owning instance
            # TYPE projections_forwarded_queries_total counter
            projections_forwarded_queries_total{application="projections",outcome="answered"} 12.0
            projections_forwarded_queries_total{application="projections",outcome="failed"} 3.0
            projections_forwarded_queries_total_created{application="projections",outcome="answered"} 1.7E9
            jvm_threads_live_threads{application="projections"} 40.0
            """;

    @Test
    void shouldSumTheSamplesWhoseLabelsMatch() {
        assertThat(PrometheusText.sum(SCRAPE, "projections_forwarded_queries_total", "outcome=\"answered\""))
                .isEqualTo(12.0);
    }

    @Test
    void shouldSumEverySampleOfAMetricWithoutLabelFilter() {
        assertThat(PrometheusText.sum(SCRAPE, "projections_forwarded_queries_total")).isEqualTo(15.0);
    }

    @Test
    void shouldAnswerZeroForAMissingMetric() {
        assertThat(PrometheusText.sum(SCRAPE, "no_such_metric")).isZero();
    }
}
