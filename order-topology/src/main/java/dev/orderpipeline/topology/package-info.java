/**
 * The order saga: turns every {@code OrderPlaced} into exactly one decision (CONFIRMED, REJECTED or CANCELLED) through
 * steps that talk only through topics, on Kafka Streams with exactly-once v2.
 *
 * <h2>Steps and topics</h2>
 * <pre>
 *  [orders] ─ guard ─┬─ key ≠ orderId ─▶ (orders-rekeyed) ─┐
 *                    ├─ no id at all ─▶ [orders-dlq]        │
 *                    └──────────────▶ order-intake ◀───────┘   validate, dedupe, PENDING
 *                                          │ RESERVE per SKU and AUTHORIZE, at once
 *                                          ▼
 *          (step-requests, by SKU or customer) ─▶ stock-and-payment ◀─ [inventory], [accounts]
 *                                          │ reserved / short, authorized / declined
 *                                          ▼
 *                    (step-replies, by order) ─▶ step-answer   all answered? decide: CONFIRMED or REJECTED
 *  [order-cancellations] ─▶ order-cancellation                  CANCELLED (or a reversal)
 *
 *  every order-keyed step ─▶ [order-status], [notifications],
 *                            RELEASE, REFUND ─▶ (step-compensations, by SKU or customer)
 *                                               ─▶ stock-and-payment-compensation
 * </pre>
 * Parenthesised topics are internal repartition topics ({@code <application.id>-<name>-repartition}); bracketed
 * ones are the public topics of {@link dev.orderpipeline.schemas.Topics}. Two groups of processors share state: the
 * order-keyed steps share the {@code saga-orders} store, the SKU- and customer-keyed ones {@code stock-levels} and
 * {@code account-balances}. Every store is changelogged; every processor, store and repartition topic is named (see
 * {@code src/test/resources/topology.txt}).
 *
 * <h2>Latency: three exactly-once hops</h2>
 * Under exactly-once a record written by one step becomes visible to the next only when the transaction that wrote
 * it commits, and the next step's own output waits for its next commit: each hop costs about one
 * {@code commit.interval.ms}. An order crosses three: the intake's requests, the steps' answers, and the decision's
 * status events. Stock and payment are therefore asked <em>in parallel</em> (an authorization hold that is given back
 * at once when stock is short), not one after the other, which would add two hops.
 *
 * <h2>Why it is correct under concurrency</h2>
 * Each SKU (and each customer) is owned by exactly one task, which handles its commands one at a time, so a
 * reservation is an atomic check-and-take: stock and funds never go below zero. An order collects one answer per
 * SKU and one for its payment; only when all are in does it decide, and if anything failed it gives back what it
 * holds (a saga with compensation: meanwhile other orders see those units and funds as taken, which can reject them
 * although they come back later — the usual price of not locking). What an order holds is recorded in its own
 * state (lines RESERVED, payment AUTHORIZED); every compensation marks what it gave back, so nothing is given back
 * twice or without being held, and exactly-once processing applies every command exactly once to the stock and
 * funds: no order is charged twice. An answer that comes back for an order that no longer wants it (cancelled
 * meanwhile) is given back on arrival.
 *
 * <h2>Terminal statuses</h2>
 * Every order's history starts with PENDING (sequence 0) and reaches exactly one <em>decision</em>: CONFIRMED,
 * REJECTED (with a reason code) or CANCELLED. CANCELLED before confirmation is the decision; a cancellation of a
 * CONFIRMED order is a <em>reversal</em>: one more event, CANCELLED with {@code previousStatus=CONFIRMED}, that gives
 * the stock and the funds back and supersedes the confirmation (sales views must subtract it). Nothing follows a
 * REJECTED or CANCELLED event. So: exactly one decision per order, at most one reversal after a confirmation, and the
 * last status is always terminal.
 *
 * <h2>Partitioning requirement</h2>
 * {@code orders}, {@code order-cancellations}, {@code inventory} and {@code accounts} must have the same number of
 * partitions: the internal topics take that number, and each task owns the same keys in all of them.
 * {@link dev.orderpipeline.topology.OrderTopologyService} checks this at start-up and refuses to run otherwise.
 */
package dev.orderpipeline.topology;
