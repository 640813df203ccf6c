/**
 * The request bodies of the ingest API as immutable records, how they are read from JSON (every error with a JSON
 * pointer, all at once) and the rules they must follow. Pure functions of their input: no HTTP, no Kafka.
 */
package dev.orderpipeline.ingest.internal.orders;
