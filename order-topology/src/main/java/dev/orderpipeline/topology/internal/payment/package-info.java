/**
 * The customer-keyed payment step: funds per customer and currency ({@code account-balances}, fed by the
 * {@code accounts} topic), taken by authorizations and given back by refunds. Each customer is owned by one task, so
 * an authorization is an atomic check-and-take. Must never look at orders beyond the commands it is sent.
 */
package dev.orderpipeline.topology.internal.payment;
