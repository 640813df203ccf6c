/**
 * What the pipeline is measured against, each run as a child JVM of its own exactly like the service it is compared
 * with: a trivial Javalin server (same server set-up, no Kafka), a pass-through exactly-once Streams app (same
 * Streams settings, no saga), a bare consumer (same topic, no delivery), and the production saga topology with a
 * different {@code commit.interval.ms} (the service itself does not expose that setting).
 */
package dev.orderpipeline.bench.baseline;
