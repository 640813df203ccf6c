package dev.orderpipeline.topology.internal.stock;

import dev.orderpipeline.topology.avro.SagaCommand;
import dev.orderpipeline.topology.avro.SagaReply;
import dev.orderpipeline.topology.avro.SagaStep;
import dev.orderpipeline.topology.avro.StockLevel;
import dev.orderpipeline.topology.internal.Quantities;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock step's decisions on the {@code stock-levels} store of one task. RESERVE takes the units if enough are
 * available and answers either way; RELEASE gives units back. Each SKU is owned by one task, which handles its
 * commands one at a time, so a reservation is an atomic check-and-take and stock never goes below zero.
 *
 * <p>There is no ledger of holds here: what an order holds is recorded in the order's own state, which sends a
 * RELEASE only for a line it holds and marks it released, and exactly-once processing applies each command once.
 */
public final class StockLedger {

    private static final Logger LOG = LoggerFactory.getLogger(StockLedger.class);

    private final KeyValueStore<String, StockLevel> levels;

    public StockLedger(final KeyValueStore<String, StockLevel> levels) {
        this.levels = levels;
    }

    /** Takes {@code amount} units of the command's SKU if that many are available; the answer for the order. */
    public SagaReply reserve(final SagaCommand command) {
        final String sku = command.getKey();
        final long available = available(sku);
        final boolean enough = command.getAmount() > 0 && available >= command.getAmount();
        if (enough) {
            levels.put(sku, new StockLevel(available - command.getAmount()));
        }
        return new SagaReply(SagaStep.STOCK, command.getOrderId(), sku, enough, command.getAmount(), available, null);
    }

    /** Gives {@code amount} units of the command's SKU back. */
    public void release(final SagaCommand command) {
        if (command.getAmount() <= 0) {
            LOG.error("Ignoring release of {} units of SKU {} for order {}", command.getAmount(), command.getKey(),
                    command.getOrderId());
            return;
        }
        levels.put(command.getKey(), new StockLevel(Quantities.adjust(available(command.getKey()),
                command.getAmount())));
    }

    private long available(final String sku) {
        final StockLevel level = levels.get(sku);
        return level == null ? 0 : level.getAvailable();
    }
}
