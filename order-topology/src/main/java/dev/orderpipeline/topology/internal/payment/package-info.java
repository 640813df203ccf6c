/**
 * The customer-keyed step: funds per customer and currency ({@code account-balances}, fed by the {@code accounts}
 * topic) and the ledger of what each order was charged ({@code payment-charges}). Each customer is owned by one task,
 * so an authorization is an atomic check-and-take, and the ledger makes sure no order is charged twice. Must never
 * look at orders beyond the commands it is sent.
 */
package dev.orderpipeline.topology.internal.payment;
