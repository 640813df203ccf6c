/**
 * The Confluent-wire-format Avro serde (magic byte 0, 4-byte big-endian schema id, Avro binary), configured by
 * Confluent's own keys. Owns encoding and decoding only; registry access goes through
 * {@link dev.orderpipeline.schemas.registry}.
 */
package dev.orderpipeline.schemas.serde;
