/**
 * The processors and aggregation rules behind the projections' state stores, wired together by
 * {@link dev.orderpipeline.projections.ProjectionsTopology}. Pure functions of the incoming status changes and the
 * stored state: no I/O, no clocks, exact integer arithmetic ({@link java.lang.Math#addExact} — an overflow is a bug
 * to surface, not to wrap). Knows nothing of HTTP or of other instances.
 */
package dev.orderpipeline.projections.internal.topology;
