package dev.orderpipeline.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its keys and values. Every producer, topology and test names topics through these
 * values (see {@link Topics}), never through string literals.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
