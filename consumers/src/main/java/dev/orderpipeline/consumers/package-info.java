/**
 * Notification delivery: a plain Kafka consumer group that reads {@code NotificationRequested} from
 * {@code notifications} and delivers each event through one channel (log, SMTP e-mail or HTTP webhook), effectively
 * once. This package is the API ({@link dev.orderpipeline.consumers.NotificationService}, its config records and
 * {@link dev.orderpipeline.consumers.NotificationMain}); the machinery lives in {@code internal}. It talks to other
 * services only through topics and must never depend on another service module.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>Dedupe state</b>: a topic {@code notifications-delivered}, keyed by event id, <em>co-partitioned</em> with
 *       {@code notifications} (marker for source partition p goes to partition p). On assignment of partition p the
 *       instance reads delivered-p into memory before it processes p, so the state survives restarts and
 *       rebalances without a Streams app or a database. Every event id is written once, so compaction would buy
 *       nothing: the topic uses time retention, which is the dedupe window ({@code NOTIFY_DEDUPE_RETENTION}).</li>
 *   <li><b>Retries</b>: two retry topics, {@code notifications-retry-1m} and {@code notifications-retry-10m}
 *       (co-partitioned too), carrying the original bytes plus {@code notify.attempts} and {@code notify.due.at}
 *       headers. Backoff is exponential with jitter and bounded attempts; a retry partition whose head record is
 *       not due yet is paused until it is, so nothing spins and the main partition is never blocked. Two tiers keep
 *       head-of-line waits short: a one-minute retry never waits behind a ten-minute one.</li>
 *   <li><b>Circuit breakers</b> (Resilience4j) per channel and destination (webhook host, SMTP server): while one
 *       is open, notifications for it go to a retry topic without a call; transitions are logged and exported.</li>
 *   <li><b>Commit points</b>: offsets of a polled batch are committed only after every record in it is settled —
 *       delivered and recorded in {@code notifications-delivered}, handed to a retry topic, or dead-lettered to
 *       {@code notifications-dlq} — and the broker acknowledged those writes.</li>
 *   <li><b>The one duplicate window</b>: a crash after the channel accepted a notification but before its marker
 *       was acknowledged re-sends it once. Webhooks therefore carry the event id in {@code Idempotency-Key} and
 *       {@code X-Event-Id}; e-mails carry it in a deterministic {@code Message-ID}.</li>
 *   <li><b>Co-partitioning</b> needs the range assignor on the classic group protocol (forced here) and equal
 *       partition counts, which {@link dev.orderpipeline.consumers.NotificationService#start} checks. An event id
 *       always arrives on its order's partition, so partition-local dedupe state is enough.</li>
 *   <li><b>Permanent failures</b> — webhook 4xx, malformed or refused e-mail address, no address at all, attempts
 *       exhausted, undecodable records — go to {@code notifications-dlq} with the original bytes and the platform's
 *       {@code dlq.*} headers plus {@code notify.attempts}; nothing is dropped. A schema registry outage is not
 *       poison: the partition is held and read again.</li>
 *   <li><b>Throughput</b>: deliveries of a polled batch run concurrently (bounded, one order's notifications in
 *       offset order), markers and retry copies are produced in one flush, offsets committed once per batch, writer
 *       schemas come from the serde's cache, HTTP and SMTP connections are pooled. Notifications of different
 *       orders may overtake each other, and a retried one arrives after later ones: each carries
 *       {@code requestedAt}.</li>
 * </ul>
 */
package dev.orderpipeline.consumers;
