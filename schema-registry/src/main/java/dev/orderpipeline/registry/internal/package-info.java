/**
 * The REST layer of the registry server: routes and controllers, request parsing and content negotiation,
 * wire records in Confluent's JSON shapes, and the single place where failures become Confluent error bodies.
 * Not API: only {@link dev.orderpipeline.registry.SchemaRegistryServer} uses it.
 */
package dev.orderpipeline.registry.internal;
