/**
 * Command-line tools of the ingest module. {@link dev.orderpipeline.ingest.cli.ProduceOrders} is the documented
 * example of the direct-produce path: Avro {@code OrderPlaced} straight to the {@code orders} topic, no HTTP.
 */
package dev.orderpipeline.ingest.cli;
