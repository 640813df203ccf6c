/**
 * The order-keyed half of the saga: validation, the state machine of one order ({@link
 * dev.orderpipeline.topology.internal.order.OrderSaga}, pure and unit-tested without Kafka) and the processor that
 * runs it against the {@code saga-orders} store. Owns the order's status history; must never touch stock or funds
 * directly, only ask for them through {@link dev.orderpipeline.topology.internal.order.SagaEffect}s.
 */
package dev.orderpipeline.topology.internal.order;
