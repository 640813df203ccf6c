/**
 * Dedupe state: the event ids whose delivery is settled, per partition of {@code notifications}, held in memory and
 * rebuilt from the co-partitioned {@code notifications-delivered} topic when a partition is assigned. Used only
 * from the dispatcher's poll thread.
 */
package dev.orderpipeline.consumers.internal.dedupe;
