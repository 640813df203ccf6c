/**
 * Public test API for a real Kafka broker: {@link dev.orderpipeline.testsupport.RealKafka} on a test class,
 * {@link dev.orderpipeline.testsupport.KafkaCluster} as a parameter. Owns only what tests call; how the broker
 * is started, shared and restarted lives in {@code internal} and must not leak into these signatures.
 */
package dev.orderpipeline.testsupport;
