/** REST transport and caching behind {@link dev.orderpipeline.schemas.registry.SchemaRegistryClient}; not API. */
package dev.orderpipeline.schemas.registry.internal;
