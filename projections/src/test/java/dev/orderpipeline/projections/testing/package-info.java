/** Test fixtures of the projections: order-status changes to feed in, and the production topology on a test driver. */
package dev.orderpipeline.projections.testing;
