package dev.orderpipeline.projections.internal.topology;

import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A processor supplier that brings its own store: a persistent, cached, changelogged key-value store with string
 * keys, connected to the processor by {@code KStream#process} without a separate {@code addStateStore}.
 */
final class WithStore {

    private WithStore() {
    }

    static <KIn, VIn, KOut, VOut, V> ProcessorSupplier<KIn, VIn, KOut, VOut> supplier(
            final String storeName, final Serde<V> valueSerde, final Supplier<Processor<KIn, VIn, KOut, VOut>> processor) {
        final StoreBuilder<KeyValueStore<String, V>> store = Stores
                .keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), valueSerde)
                .withCachingEnabled();
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return processor.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }
}
