/**
 * Interactive queries: one query service per view, returning view records and hiding where the data lives. A key
 * is read from the local store by IQv2 when this instance owns it, fetched over HTTP from the owner otherwise, read
 * from a local standby copy (flagged with its lag) when the owner is unreachable, or refused with 503 and
 * {@code Retry-After} — never a stack trace, never an unbounded wait. Knows HTTP only as a client of other
 * instances; controllers live in {@code internal.http}.
 *
 * <h2>Why there is no cache of hot keys</h2>
 * Measured in-process ({@code ReadPathMeasurementIT}, one client, 2-core machine): an IQv2 read of a month from the
 * local RocksDB store through the query service takes about 10 µs (p50; p99 45 µs), a map lookup 0.03 µs, while the
 * HTTP request around either costs about 255 µs (p50) — the same as a Javalin route returning a constant. A TTL
 * cache would save under 5 % of a local read and add staleness; the one place it could pay, skipping the hop of a
 * forwarded read (about +270 µs), would serve answers up to a TTL old from a copy nobody owns. So reads always go
 * to the store; revisit if the HTTP benchmark under load says otherwise.
 */
package dev.orderpipeline.projections.internal.query;
