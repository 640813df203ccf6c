package dev.orderpipeline.topology.internal.stock;

import dev.orderpipeline.topology.avro.StockCommand;
import dev.orderpipeline.topology.avro.StockHold;
import dev.orderpipeline.topology.avro.StockLevel;
import dev.orderpipeline.topology.avro.StockResult;
import dev.orderpipeline.topology.internal.Quantities;
import dev.orderpipeline.topology.internal.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds and gives back stock for orders, one SKU at a time. RESERVE takes the units if enough are available and
 * records a hold, then answers (keyed by order id) either way; asking again for a hold that exists answers
 * "reserved" without taking twice. RELEASE gives back exactly what the hold says and deletes it, so a release is
 * never applied twice and never gives back units that were not held. Stock therefore never goes below zero and
 * never grows from releases.
 */
public final class StockCommandProcessor implements Processor<String, StockCommand, String, StockResult> {

    private static final Logger LOG = LoggerFactory.getLogger(StockCommandProcessor.class);

    private ProcessorContext<String, StockResult> context;
    private KeyValueStore<String, StockLevel> levels;
    private KeyValueStore<String, StockHold> holds;

    @Override
    public void init(final ProcessorContext<String, StockResult> context) {
        this.context = context;
        this.levels = context.getStateStore(StoreNames.STOCK_LEVELS);
        this.holds = context.getStateStore(StoreNames.STOCK_HOLDS);
    }

    @Override
    public void process(final Record<String, StockCommand> record) {
        final StockCommand command = record.value();
        switch (command.getKind()) {
            case RESERVE -> reserve(record, command);
            case RELEASE -> release(command);
            case UNKNOWN -> LOG.error("Ignoring stock command of unknown kind for order {} SKU {}",
                    command.getOrderId(), command.getSku());
        }
    }

    private void reserve(final Record<String, StockCommand> record, final StockCommand command) {
        final String sku = command.getSku();
        final String holdKey = HoldKey.of(sku, command.getOrderId());
        final long available = available(sku);
        if (holds.get(holdKey) != null) {
            LOG.info("Order {} already holds SKU {}; answering reserved without taking again", command.getOrderId(), sku);
            answer(record, command, true, available);
            return;
        }
        final boolean enough = command.getQuantity() > 0 && available >= command.getQuantity();
        if (enough) {
            levels.put(sku, new StockLevel(available - command.getQuantity()));
            holds.put(holdKey, new StockHold(command.getOrderId(), sku, command.getQuantity()));
        }
        answer(record, command, enough, available);
    }

    private void release(final StockCommand command) {
        final String sku = command.getSku();
        final String holdKey = HoldKey.of(sku, command.getOrderId());
        final StockHold hold = holds.get(holdKey);
        if (hold == null) {
            LOG.info("Order {} holds nothing of SKU {}; nothing to release", command.getOrderId(), sku);
            return;
        }
        levels.put(sku, new StockLevel(Quantities.adjust(available(sku), hold.getQuantity())));
        holds.delete(holdKey);
    }

    private long available(final String sku) {
        final StockLevel level = levels.get(sku);
        return level == null ? 0 : level.getAvailable();
    }

    private void answer(final Record<String, StockCommand> record, final StockCommand command, final boolean reserved,
                        final long available) {
        context.forward(record.withKey(command.getOrderId()).withValue(StockResult.newBuilder()
                .setOrderId(command.getOrderId())
                .setSku(command.getSku())
                .setQuantity(command.getQuantity())
                .setReserved(reserved)
                .setAvailable(available)
                .build()));
    }
}
