/**
 * A Confluent-compatible Schema Registry server for the local stack and tests: {@link
 * dev.orderpipeline.registry.SchemaRegistryServer} serves the REST API over an {@link
 * dev.orderpipeline.schemas.registry.InMemorySchemaRegistry}, configured by {@link
 * dev.orderpipeline.registry.SchemaRegistryServerConfig}.
 *
 * <p>Owns only the HTTP face of the registry; registry semantics (ids, versions, compatibility) belong to the
 * {@code schemas} module and must not be re-implemented here. Routes, wire records and error mapping live in
 * {@code internal}.
 */
package dev.orderpipeline.registry;
