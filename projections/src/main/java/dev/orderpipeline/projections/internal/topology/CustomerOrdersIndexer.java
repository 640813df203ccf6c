package dev.orderpipeline.projections.internal.topology;

import dev.orderpipeline.projections.avro.CustomerOrder;
import dev.orderpipeline.projections.internal.store.CustomerOrderKeys;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the customer-orders store: one entry per order under a key that sorts a customer's orders newest first
 * ({@link CustomerOrderKeys}), holding the order's latest status. Reads the customer-keyed stream, so a customer's
 * orders share one partition and a page is one range scan. An older change arriving after a newer one (lower
 * sequence) does not overwrite the status.
 */
public final class CustomerOrdersIndexer implements Processor<String, OrderStatusChanged, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, CustomerOrder> store;

    private CustomerOrdersIndexer(final String storeName) {
        this.storeName = storeName;
    }

    /** The processor with its store, for {@code KStream#process}. */
    public static ProcessorSupplier<String, OrderStatusChanged, Void, Void> supplier(
            final String storeName, final Serde<CustomerOrder> serde) {
        return WithStore.supplier(storeName, serde, () -> new CustomerOrdersIndexer(storeName));
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, OrderStatusChanged> record) {
        final OrderStatusChanged change = record.value();
        final String key = CustomerOrderKeys.key(record.key(), change.getOrderCreatedAt(), change.getOrderId());
        final CustomerOrder current = store.get(key);
        if (current != null && current.getSequence() >= change.getSequence()) {
            return;
        }
        store.put(key, CustomerOrder.newBuilder()
                .setOrderId(change.getOrderId())
                .setStatus(change.getStatus().name())
                .setSequence(change.getSequence())
                .setOrderCreatedAt(change.getOrderCreatedAt())
                .setUpdatedAt(change.getChangedAt())
                .setCurrency(change.getCurrency())
                .setTotalMinor(change.getTotalMinor())
                .build());
    }
}
