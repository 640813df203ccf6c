/**
 * The HTTP front door of the pipeline: validates, authenticates and authorizes requests and publishes
 * {@code OrderPlaced}, {@code OrderCancelled}, {@code InventoryAdjustment} and {@code AccountAdjustment} events,
 * answering only after Kafka acknowledged them. Stateless: what it must remember (idempotency keys) lives in a
 * Kafka topic. Public API: {@link dev.orderpipeline.ingest.IngestService} (routes for any Javalin server),
 * {@link dev.orderpipeline.ingest.IngestApp} and {@link dev.orderpipeline.ingest.IngestMain} (standalone), and
 * {@link dev.orderpipeline.ingest.IngestConfig}; everything in {@code internal} may change. Talks to other services
 * only through topics.
 */
package dev.orderpipeline.ingest;
