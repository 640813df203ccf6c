/**
 * Implementation of the projections, not API: {@code topology} (processors and aggregation rules), {@code store}
 * (key layouts), {@code query} (interactive queries and routing between instances), {@code http} (controllers).
 * Dependencies point one way: http → query → store ← topology.
 */
package dev.orderpipeline.projections.internal;
