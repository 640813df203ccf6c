/**
 * Client side of the Confluent-compatible schema registry API, and an in-memory registry with the same
 * semantics for {@code mock://} URLs and the local stack's server. HTTP and caching details live in
 * {@code internal}.
 */
package dev.orderpipeline.schemas.registry;
