/**
 * A pipeline cluster on loopback made of child processes: a KRaft broker in its own JVM, the in-memory schema
 * registry inside the harness, and the deployable's service roles ({@code Launcher ingest|saga|projections|
 * notifications}) or the harness's baseline roles, each in a JVM of its own. Benchmarks and the chaos audit both
 * build on it; it adds wiring only, never behaviour.
 */
package dev.orderpipeline.bench.cluster;
