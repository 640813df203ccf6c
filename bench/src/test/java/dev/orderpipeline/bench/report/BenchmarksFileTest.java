package dev.orderpipeline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldReplaceOnlyTheGeneratedSection() throws Exception {
        // Given
        final Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Method\n\n" + BenchmarksFile.START + "\nold table\n" + BenchmarksFile.END
                + "\n\n## Reproduce\n");

        // When
        final boolean updated = BenchmarksFile.update(file, "new table\n");

        // Then
        assertThat(updated).isTrue();
        assertThat(Files.readString(file)).isEqualTo("# Method\n\n" + BenchmarksFile.START + "\nnew table\n"
                + BenchmarksFile.END + "\n\n## Reproduce\n");
    }

    @Test
    void shouldLeaveAFileWithoutMarkersAlone() throws Exception {
        final Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "hand written\n");

        assertThat(BenchmarksFile.update(file, "table")).isFalse();
        assertThat(Files.readString(file)).isEqualTo("hand written\n");
    }
}
