package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.cluster.ClusterRoles;
import dev.orderpipeline.bench.cluster.LocalCluster;
import dev.orderpipeline.bench.process.ChildProcess;
import dev.orderpipeline.bench.process.ChildSpec;
import dev.orderpipeline.bench.process.JvmOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own producer benchmark ({@code org.apache.kafka.tools.ProducerPerformance}) in a child JVM, with the
 * producer settings of ingest: {@code acks=all}, idempotence, ingest's {@code linger.ms}; unthrottled. Its final
 * summary line is parsed.
 */
final class ProducerPerformanceRun {

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+)[^,]* records sent, ([\\d.,]+) records/sec "
            + "\\(([\\d.,]+) MB/sec\\), ([\\d.,]+) ms avg latency, ([\\d.,]+) ms max latency, (\\d+) ms 50th, "
            + "(\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th.*");

    /**
     * The summary.
     *
     * @param records       records sent
     * @param recordsPerSec throughput
     * @param p50Millis     median send latency
     * @param p99Millis     99th percentile send latency
     */
    record Summary(long records, double recordsPerSec, double p50Millis, double p99Millis) {
    }

    private ProducerPerformanceRun() {
    }

    static Summary run(final LocalCluster cluster, final String topic, final long records, final int recordSize,
                       final long lingerMs, final JvmOptions jvm) {
        final List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--bootstrap-server", cluster.kafka().bootstrapServers(),
                "--command-property", "acks=all", "enable.idempotence=true", "linger.ms=" + lingerMs));
        final List<String> jvmOptions = new ArrayList<>(jvm.options());
        jvmOptions.addAll(List.of("-Duser.language=en", "-Duser.country=US"));
        final ChildSpec spec = new ChildSpec("producer-performance", ClusterRoles.PRODUCER_PERFORMANCE, args,
                Map.of(), new JvmOptions(jvmOptions), cluster.logFile("producer-performance"), Optional.empty());
        final ChildProcess child = cluster.children().start(spec);
        if (!child.awaitExit(Duration.ofMinutes(10))) {
            child.kill();
            throw new IllegalStateException("ProducerPerformance did not finish within 10 minutes");
        }
        try {
            return Files.readAllLines(spec.logFile()).stream().map(String::trim).map(SUMMARY::matcher)
                    .filter(Matcher::matches).reduce((first, second) -> second)
                    .map(m -> new Summary(Long.parseLong(m.group(1)), number(m.group(2)), Long.parseLong(m.group(6)),
                            Long.parseLong(m.group(8))))
                    .orElseThrow(() -> new IllegalStateException("ProducerPerformance printed no summary (exit "
                            + child.exitValue() + "); see " + spec.logFile()));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double number(final String text) {
        return Double.parseDouble(text.replace(",", ""));
    }
}
