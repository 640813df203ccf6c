/**
 * What the pipeline is measured against, each run as a child JVM of its own exactly like the service it is compared
 * with: a trivial Javalin server (same server set-up, no Kafka), a pass-through exactly-once Streams app (same
 * Streams settings, no saga), the saga's output contract alone (what the saga must write, nothing else) and a bare
 * consumer (same topic, no delivery).
 */
package dev.orderpipeline.bench.baseline;
