package dev.orderpipeline.topology.internal.stock;

import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.topology.avro.StockLevel;
import dev.orderpipeline.topology.internal.Quantities;
import dev.orderpipeline.topology.internal.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code inventory} topic to the available stock of a SKU: SET replaces the available level, ADJUST adds
 * to it (negative to remove), never below zero. Units held for orders are not part of the available level, so a SET
 * does not free or steal them.
 */
public final class InventoryAdjustmentProcessor implements Processor<String, InventoryAdjustment, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryAdjustmentProcessor.class);

    private KeyValueStore<String, StockLevel> levels;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.levels = context.getStateStore(StoreNames.STOCK_LEVELS);
    }

    @Override
    public void process(final Record<String, InventoryAdjustment> record) {
        final InventoryAdjustment adjustment = record.value();
        final String sku = adjustment.getSku();
        final StockLevel level = levels.get(sku);
        final long before = level == null ? 0 : level.getAvailable();
        final long after = switch (adjustment.getKind()) {
            case SET -> Quantities.set(adjustment.getQuantity());
            case ADJUST -> Quantities.adjust(before, adjustment.getQuantity());
        };
        levels.put(sku, new StockLevel(after));
        if (adjustment.getKind() == AdjustmentKind.ADJUST && adjustment.getQuantity() < -before) {
            LOG.warn("Stock of SKU {} would go below zero ({} {}); set to 0", sku, before, adjustment.getQuantity());
        }
        LOG.debug("Stock of SKU {}: {} -> {} ({} {})", sku, before, after, adjustment.getKind(), adjustment.getQuantity());
    }
}
