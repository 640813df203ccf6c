/**
 * The benchmark workloads. Each starts a fresh cluster of its own (so no workload sees another's data or load),
 * measures the pipeline and its baseline in the same session, one after the other on the same machine, and returns
 * result rows: the figure, the baseline, the ratio and the target.
 */
package dev.orderpipeline.bench.workload;
