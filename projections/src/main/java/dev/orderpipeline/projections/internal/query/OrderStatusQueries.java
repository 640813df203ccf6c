package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.platform.http.ProblemException;
import dev.orderpipeline.projections.ProjectionsTopology;
import dev.orderpipeline.projections.avro.OrderHistory;
import dev.orderpipeline.projections.internal.query.StoreRouter.Location;
import dev.orderpipeline.projections.view.OrderStatusView;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.query.KeyQuery;

/**
 * The order-status view: one order's latest status and history, now or once it reaches a terminal status.
 *
 * <p>A long-poll runs where the order's active copy is, because only there does the topology announce changes: a
 * request for an order owned elsewhere is forwarded whole (with the remaining wait), and the owner blocks on
 * {@link OrderWaiters} until the order changes or the time is up. When the wait ends without a terminal status, the
 * answer is the current status (200, {@code "terminal":false}); an order still unknown then is 404. Waiting for an
 * unknown order is allowed on purpose: a client may ask right after {@code POST /orders}, before the first status.
 */
public final class OrderStatusQueries {

    private static final String STORE = ProjectionsTopology.ORDER_STATUS_STORE;

    private final StoreRouter router;
    private final PeerClient peers;
    private final OrderWaiters waiters;

    OrderStatusQueries(final StoreRouter router, final PeerClient peers, final OrderWaiters waiters) {
        this.router = router;
        this.peers = peers;
        this.waiters = waiters;
    }

    /** The order now; 404 if unknown. */
    public Answer<OrderStatusView> get(final String orderId, final Caller caller) {
        return router.route(STORE, orderId, caller,
                partition -> found(orderId, readLocal(orderId, partition)),
                owner -> peers.get(owner, path(orderId), OrderStatusView.class, Duration.ZERO, caller));
    }

    /**
     * The order as soon as its status is terminal, or as it is when {@code timeout} has passed.
     *
     * @throws ProblemException 404 if the order is still unknown at the end, 503 if no copy can answer or too many
     *                          long-polls wait already
     */
    public Answer<OrderStatusView> awaitTerminal(final String orderId, final Duration timeout, final Caller caller) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            final Location location = router.locate(STORE, orderId);
            if (!location.readHere(caller.forwarded())) {
                try {
                    return peers.get(location.active(), path(orderId) + "?waitFor=terminal&timeout="
                            + Math.max(1, remaining.toMillis()) + "ms", OrderStatusView.class, remaining, caller);
                } catch (final PeerUnavailableException e) {
                    // Owner gone or not ready: wait on a local copy below (it is woken by the next rebalance).
                    if (remaining.isZero()) {
                        return router.fallback(STORE, location, e, partition -> found(orderId, readLocal(orderId, partition)));
                    }
                }
            }
            try (OrderWaiters.Registration registration = register(orderId)) {
                final Answer<Optional<OrderStatusView>> now = readLocal(orderId, location.partition());
                if (now.value().map(OrderStatusView::terminal).orElse(false) || remaining.isZero()) {
                    return found(orderId, now);
                }
                registration.await(remaining);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw router.unavailable("Stopped waiting for order " + orderId + ": the instance is shutting down");
            }
        }
    }

    private OrderWaiters.Registration register(final String orderId) {
        try {
            return waiters.register(orderId);
        } catch (final OrderWaiters.TooManyWaitersException e) {
            throw router.unavailable(e.getMessage() + "; ask again, or without waitFor");
        }
    }

    private Answer<Optional<OrderStatusView>> readLocal(final String orderId, final int partition) {
        return router.queryLocal(STORE, partition, KeyQuery.<String, OrderHistory>withKey(orderId),
                order -> Optional.ofNullable(order).map(Views::order));
    }

    private static Answer<OrderStatusView> found(final String orderId, final Answer<Optional<OrderStatusView>> answer) {
        return answer.map(order -> order.orElseThrow(() -> ProblemException.notFound("No order " + orderId)));
    }

    private static String path(final String orderId) {
        return "/orders/" + PeerClient.encode(orderId);
    }
}
