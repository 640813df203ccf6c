/**
 * The SKU-keyed step: stock levels per SKU ({@code stock-levels}, fed by the {@code inventory} topic) and the ledger
 * of units held per order ({@code stock-holds}). Each SKU is owned by one task, so a reservation is an atomic
 * check-and-take. Must never look at orders beyond the commands it is sent.
 */
package dev.orderpipeline.topology.internal.stock;
