package dev.orderpipeline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private final ResultRow throughput = new ResultRow("ingest", "POST /orders throughput", "req/s", 3_000,
            "trivial POST", 4_000, Target.ratioAtLeast(0.6), "");
    private final ResultRow latency = new ResultRow("ingest", "POST /orders p99", "ms", 25.5, "trivial POST", 3.2,
            Target.atMost(20, "ms"), "open loop, corrected");
    private final ResultRow alone = ResultRow.alone("restore", "restore time", "s", 12.34, Target.none(), "");

    @Test
    void shouldComputeRatiosAndJudgeTargets() {
        assertThat(throughput.ratio()).isEqualTo(0.75);
        assertThat(throughput.met()).isTrue();
        assertThat(latency.met()).isFalse();
        assertThat(alone.ratio()).isNaN();
        assertThat(alone.met()).isNull();
    }

    @Test
    void shouldRenderMarkdownWithNotesAndHighlightMisses() {
        final String markdown = ResultTable.markdown(List.of(throughput, latency, alone));

        assertThat(markdown).contains("| ingest | POST /orders throughput | 3,000 req/s | trivial POST | 4,000 req/s "
                + "| 0.75x | >= 0.6x baseline | yes |");
        assertThat(markdown).contains("POST /orders p99 [1]").contains("| **NO** |").contains("1. open loop, corrected");
        assertThat(markdown).contains("| restore | restore time | 12.3 s |  |  |  |  |  |");
    }

    @Test
    void shouldRenderCsvWithRawNumbers() {
        final String csv = ResultTable.csv(List.of(throughput, latency));

        assertThat(csv.lines()).containsExactly(
                "workload,metric,unit,ours,baseline_name,baseline,ratio,target,met,note",
                "ingest,POST /orders throughput,req/s,3000.0000,trivial POST,4000.0000,0.7500,>= 0.6x baseline,yes,",
                "ingest,POST /orders p99,ms,25.5000,trivial POST,3.2000,7.9688,<= 20.0 ms,NO,\"open loop, corrected\"");
    }

    @Test
    void shouldAlignTheConsoleTable() {
        final List<String> lines = ResultTable.console(List.of(throughput, alone)).lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(2).indexOf("3,000 req/s")).isEqualTo(lines.get(0).indexOf("Ours"));
    }
}
