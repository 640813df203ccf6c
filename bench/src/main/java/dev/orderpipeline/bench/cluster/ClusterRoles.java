package dev.orderpipeline.bench.cluster;

/** Main classes of child processes. */
public final class ClusterRoles {

    /** The deployable's entry point; its first argument names the service role. */
    public static final String LAUNCHER = "dev.orderpipeline.localstack.Launcher";
    /** The harness's baseline and variant roles (see {@code dev.orderpipeline.bench.baseline}). */
    public static final String BASELINE = "dev.orderpipeline.bench.baseline.BaselineMain";
    /** Kafka's own producer benchmark. */
    public static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";

    private ClusterRoles() {
    }
}
