/**
 * Read models of the pipeline: Kafka Streams state stores built from {@code order-status} (monthly sales, monthly
 * product sales, order status with history, customer orders) and the HTTP queries that serve them across
 * instances. The public API is the service, its config, the topology's single {@code build} seam and the route
 * permissions; views are in {@code view}, everything else in {@code internal}. Reads topics only; never writes
 * business events.
 */
package dev.orderpipeline.projections;
