/**
 * The order saga: turns every {@code OrderPlaced} into exactly one decision (CONFIRMED, REJECTED or CANCELLED) through
 * steps that talk only through topics, on Kafka Streams with exactly-once v2.
 *
 * <h2>Steps and topics</h2>
 * <pre>
 *  [orders] ─ guard ─┬─ key ≠ orderId ─▶ (orders-rekeyed) ─┐
 *                    ├─ no id at all ─▶ [orders-dlq]        │
 *                    └──────────────▶ order-intake ◀───────┘   validate, dedupe, PENDING
 *                                          │ RESERVE per SKU
 *                                          ▼
 *                               (stock-reservations, by SKU) ─▶ stock-reservation ◀─ [inventory]
 *                                          │ reserved / short
 *                                          ▼
 *                               (stock-results, by order) ─▶ stock-outcome   all lines in? STOCK_RESERVED : REJECTED
 *                                          │ AUTHORIZE
 *                                          ▼
 *                               (payment-authorizations, by customer) ─▶ payment-authorization ◀─ [accounts]
 *                                          │ authorized / declined
 *                                          ▼
 *                               (payment-results, by order) ─▶ payment-outcome   PAYMENT_AUTHORIZED + CONFIRMED : REJECTED
 *  [order-cancellations] ─▶ order-cancellation                                   CANCELLED (or reversal)
 *
 *  every order-keyed step ─▶ [order-status], [notifications],
 *                            RELEASE ─▶ (stock-releases, by SKU) ─▶ stock-release
 *                            REFUND  ─▶ (payment-refunds, by customer) ─▶ payment-refund
 * </pre>
 * Parenthesised topics are internal repartition topics ({@code <application.id>-<name>-repartition}); bracketed
 * ones are the public topics of {@link dev.orderpipeline.schemas.Topics}. Three groups of processors share state:
 * the order-keyed steps share the {@code saga-orders} store, the SKU-keyed ones {@code stock-levels} and
 * {@code stock-holds}, the customer-keyed ones {@code account-balances} and {@code payment-charges}. Every store is
 * changelogged; every processor, store and repartition topic is named (see {@code src/test/resources/topology.txt}).
 *
 * <h2>Why it is correct under concurrency</h2>
 * Each SKU (and each customer) is owned by exactly one task, which handles its commands one at a time, so a
 * reservation is an atomic check-and-take: stock and funds never go below zero. An order touching several SKUs
 * collects one answer per SKU; only when all are in does it decide, and if any SKU was short it releases the ones
 * that were held (a saga with compensation: meanwhile other orders see those units as taken, which can reject them
 * although the units come back later — the usual price of not locking). Releases and refunds act on the holds and
 * charges ledgers, not on the quantities in the command, so they are exact and happen at most once; a charge is
 * recorded per order id, so an order is never charged twice. A reservation that comes back for an order that no
 * longer wants it (cancelled meanwhile) is released on arrival.
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
