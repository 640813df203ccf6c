package dev.orderpipeline.projections.internal.topology;

import dev.orderpipeline.projections.OrderChangeListener;
import dev.orderpipeline.projections.avro.OrderHistory;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the order-status store (latest status and history per order id) and lets through only changes it had not
 * seen, so that every view downstream counts each change exactly once even when {@code order-status} carries
 * replays. After storing a change it tells the {@link OrderChangeListener} (long-polls waiting for that order).
 */
public final class OrderStatusTracker implements Processor<String, OrderStatusChanged, String, OrderStatusChanged> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderStatusTracker.class);

    private final String storeName;
    private final OrderChangeListener listener;
    private ProcessorContext<String, OrderStatusChanged> context;
    private KeyValueStore<String, OrderHistory> store;

    private OrderStatusTracker(final String storeName, final OrderChangeListener listener) {
        this.storeName = storeName;
        this.listener = listener;
    }

    /** The processor with its store, for {@code KStream#process}. */
    public static ProcessorSupplier<String, OrderStatusChanged, String, OrderStatusChanged> supplier(
            final String storeName, final Serde<OrderHistory> historySerde, final OrderChangeListener listener) {
        return WithStore.supplier(storeName, historySerde, () -> new OrderStatusTracker(storeName, listener));
    }

    @Override
    public void init(final ProcessorContext<String, OrderStatusChanged> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    /**
     * @throws IllegalArgumentException when the record key is not the order id: the order would be stored where no
     *                                  query looks for it, so it goes to the dead-letter topic instead
     */
    @Override
    public void process(final Record<String, OrderStatusChanged> record) {
        final OrderStatusChanged change = record.value();
        if (change == null) {
            LOG.debug("Ignoring a tombstone for orderId={}", record.key());
            return;
        }
        final String orderId = change.getOrderId();
        if (!orderId.equals(record.key())) {
            throw new IllegalArgumentException("order-status record keyed '" + record.key() + "' carries orderId "
                    + orderId + "; records must be keyed by order id");
        }
        final Optional<OrderHistory> updated = OrderHistories.apply(store.get(orderId), change);
        if (updated.isEmpty()) {
            LOG.debug("Dropping replay of orderId={} sequence={}", orderId, change.getSequence());
            return;
        }
        store.put(orderId, updated.get());
        context.forward(record);
        listener.orderChanged(orderId);
    }
}
