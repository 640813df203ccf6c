/**
 * The SKU-keyed stock step: stock levels per SKU ({@code stock-levels}, fed by the {@code inventory} topic), taken by
 * reservations and given back by releases. Each SKU is owned by one task, so a reservation is an atomic
 * check-and-take. Must never look at orders beyond the commands it is sent.
 */
package dev.orderpipeline.topology.internal.stock;
