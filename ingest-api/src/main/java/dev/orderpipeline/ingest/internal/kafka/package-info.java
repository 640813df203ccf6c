/**
 * The one Kafka producer of the ingest service, with the settings that make an acknowledgement mean "stored" and
 * every wait bounded. Knows topics and serdes, not HTTP.
 */
package dev.orderpipeline.ingest.internal.kafka;
