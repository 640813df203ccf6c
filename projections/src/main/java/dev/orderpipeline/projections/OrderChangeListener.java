package dev.orderpipeline.projections;

/**
 * Told when the order-status view has stored a new change of an order, so long-polls on this instance wake up at
 * once instead of polling the store. Called on a stream thread inside the processing loop: it must return at once
 * and never throw.
 */
@FunctionalInterface
public interface OrderChangeListener {

    void orderChanged(String orderId);

    /** A listener that ignores every change (tests, tools). */
    static OrderChangeListener none() {
        return orderId -> {
        };
    }
}
