/**
 * HTTP face of the projections: small controllers that validate parameters at the edge (400 problem+json naming the
 * parameter), call one query service, and write its record as JSON, plus the {@code X-Served-By-Standby} header
 * when the answer came from a standby copy. They hold no state and know nothing of stores or routing.
 */
package dev.orderpipeline.projections.internal.http;
