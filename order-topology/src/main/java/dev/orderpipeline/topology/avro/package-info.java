/**
 * Avro records private to the saga (generated from {@code order-topology/src/main/avro}): the state in its stores and
 * the commands and results on its repartition topics. Not a contract for anyone else: only this module reads them,
 * but they evolve BACKWARD compatibly like every schema, because state and in-flight records outlive a deployment.
 */
package dev.orderpipeline.topology.avro;
