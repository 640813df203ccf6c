package dev.orderpipeline.bench.workload;

/** One benchmark workload. */
public interface Workload {

    /** Short name used in options and reports, e.g. {@code ingest}. */
    String name();

    /**
     * Runs the workload on a cluster of its own and returns what it measured.
     *
     * @throws RuntimeException when the workload cannot complete; the session reports it and goes on
     */
    WorkloadResult run(WorkloadContext context);
}
