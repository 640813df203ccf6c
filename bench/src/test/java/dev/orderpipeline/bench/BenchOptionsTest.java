package dev.orderpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.topology.OrderTopologyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void shouldDefaultToEveryWorkloadAtFullSize() {
        final BenchOptions options = BenchOptions.parse(new String[0]);

        assertThat(options.workloads()).containsExactlyElementsOf(BenchOptions.ALL_WORKLOADS);
        assertThat(options.sagaOrders()).isEqualTo(200_000);
        assertThat(options.e2eRates()).containsExactly(250, 500, 1000);
        assertThat(options.commitIntervals().get(0)).as("the pipeline's own commit interval first")
                .isEqualTo((int) OrderTopologyConfig.defaults(Path.of("unused")).commitInterval().toMillis());
        assertThat(options.run()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.httpConnections()).as("one latency-bound and one saturating concurrency")
                .containsExactly(32, 256);
    }

    @Test
    void shouldReadQuickModeAndOverrides() {
        final BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--workloads", "saga,queries",
            "--orders=20,000", "--rates", "100,200", "--seconds", "7", "--connections", "16,64,512"});

        assertThat(options.workloads()).containsExactly("saga", "queries");
        assertThat(options.sagaOrders()).isEqualTo(20_000);
        assertThat(options.e2eRates()).isEqualTo(List.of(100, 200));
        assertThat(options.run()).isEqualTo(Duration.ofSeconds(7));
        assertThat(options.httpConnections()).isEqualTo(List.of(16, 64, 512));
        assertThat(options.restoreKeys()).as("quick size").isEqualTo(5_000);
    }

    @Test
    void shouldRefuseUnknownOptionsAndWorkloads() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--ordrs", "5"}))
                .hasMessageContaining("unknown option(s): --ordrs");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--workloads", "ingest,gc"}))
                .hasMessageContaining("unknown workload 'gc'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--orders", "many"}))
                .hasMessageContaining("--orders must be a whole number");
    }
}
