package dev.orderpipeline.bench.workload;

import dev.orderpipeline.bench.BenchOptions;
import dev.orderpipeline.bench.cluster.LocalCluster;
import dev.orderpipeline.bench.load.Progress;
import dev.orderpipeline.bench.process.ChildClasspath;
import java.time.Duration;

/**
 * What every workload gets: the session's options, where its files go, and the progress display.
 *
 * @param options   the session's options
 * @param classpath class path of child JVMs
 * @param progress  progress display
 */
public record WorkloadContext(BenchOptions options, ChildClasspath classpath, Progress progress) {

    /** How long a service may take to become ready on a loaded two-core machine. */
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    /** Starts a fresh cluster for a workload, under {@code <out>/work/<name>}. */
    public LocalCluster cluster(final String name) {
        return LocalCluster.start(new LocalCluster.Settings(options.outDir().resolve("work").resolve(name),
                options.partitions(), options.serviceJvm(), options.brokerJvm(), classpath));
    }
}
