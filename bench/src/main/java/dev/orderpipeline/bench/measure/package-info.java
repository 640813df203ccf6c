/**
 * Measuring instruments: latency percentiles from HdrHistogram, watchers that see records become visible on a topic
 * (after the exactly-once commit, as a downstream reader would), and readers of Prometheus counters.
 */
package dev.orderpipeline.bench.measure;
