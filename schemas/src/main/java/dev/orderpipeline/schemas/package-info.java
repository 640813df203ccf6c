/**
 * The contracts of the pipeline: typed topic declarations ({@link dev.orderpipeline.schemas.Topics}) over the
 * Avro classes generated from {@code src/main/avro/*.avsc}. Depends on no other module of the project and holds no
 * behaviour of any service.
 */
package dev.orderpipeline.schemas;
