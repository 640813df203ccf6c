package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.projections.OrderChangeListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Long-polls waiting for orders on this instance, woken by the topology instead of polling the store.
 *
 * <p>All waiters of one order share a slot holding a future; the order-status processor calls
 * {@link #orderChanged} after storing a change, which completes and removes the slot, so a wake-up costs one map
 * lookup on the stream thread and nothing at all when nobody waits. A waiter registers <em>before</em> reading the
 * store and waits only if what it read was not final, so a change stored between the read and the wait still wakes
 * it. {@link #wakeAll} releases everybody (state changes, shutdown) so they can look again — perhaps at another
 * owner. At most {@code maxWaiters} wait at once; more are refused, because each holds a request open.
 */
public final class OrderWaiters implements OrderChangeListener {

    /** Too many long-polls wait already; retrying later helps. */
    public static final class TooManyWaitersException extends RuntimeException {
        TooManyWaitersException(final int max) {
            super(max + " long-polls are waiting already");
        }
    }

    private static final class Slot {
        private final CompletableFuture<Void> changed = new CompletableFuture<>();
        private int waiters;
    }

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiters;

    public OrderWaiters(final int maxWaiters) {
        this.maxWaiters = maxWaiters;
    }

    /**
     * Registers a waiter for the order; close the registration when done.
     *
     * @throws TooManyWaitersException when {@code maxWaiters} wait already
     */
    public Registration register(final String orderId) {
        if (waiting.incrementAndGet() > maxWaiters) {
            waiting.decrementAndGet();
            throw new TooManyWaitersException(maxWaiters);
        }
        final Slot slot = slots.compute(orderId, (id, existing) -> {
            final Slot joined = existing == null ? new Slot() : existing;
            joined.waiters++;
            return joined;
        });
        return new Registration(orderId, slot);
    }

    @Override
    public void orderChanged(final String orderId) {
        final Slot slot = slots.remove(orderId);
        if (slot != null) {
            slot.changed.complete(null);
        }
    }

    /** Wakes every waiter (rebalance, shutdown): each looks at the order again. */
    public void wakeAll() {
        slots.keySet().forEach(this::orderChanged);
    }

    /** Long-polls waiting now. */
    public int waiting() {
        return waiting.get();
    }

    /** One waiter's claim on an order's slot. */
    public final class Registration implements AutoCloseable {

        private final String orderId;
        private final Slot slot;
        private boolean closed;

        private Registration(final String orderId, final Slot slot) {
            this.orderId = orderId;
            this.slot = slot;
        }

        /**
         * Waits until the order changes, everybody is woken, or the time is up.
         *
         * @return whether something happened (false: timed out)
         */
        public boolean await(final Duration timeout) throws InterruptedException {
            try {
                slot.changed.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
                return true;
            } catch (final TimeoutException e) {
                return false;
            } catch (final ExecutionException e) {
                return true;
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            waiting.decrementAndGet();
            slots.computeIfPresent(orderId, (id, current) -> {
                if (current != slot) {
                    return current;
                }
                current.waiters--;
                return current.waiters == 0 ? null : current;
            });
        }
    }
}
