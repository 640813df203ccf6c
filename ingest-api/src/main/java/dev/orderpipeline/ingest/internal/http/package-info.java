/**
 * The HTTP side of the ingest service: controllers (small, one per resource), reading bounded JSON bodies,
 * request ids in responses and logs, HTTP metrics, and draining on shutdown. Errors are thrown as
 * {@link dev.orderpipeline.platform.http.ProblemException} and written by the platform's one problem mapper.
 */
package dev.orderpipeline.ingest.internal.http;
