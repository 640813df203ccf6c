/**
 * How the saga is built, not what it decides: internal serdes, store and topic names, record guards and the
 * dead-letter processor. The decisions live in {@code internal.order}, {@code internal.stock} and
 * {@code internal.payment}; nothing here is API and nothing here may be used outside this module.
 */
package dev.orderpipeline.topology.internal;
