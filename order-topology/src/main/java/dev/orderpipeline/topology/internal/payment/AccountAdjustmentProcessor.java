package dev.orderpipeline.topology.internal.payment;

import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.topology.avro.AccountBalance;
import dev.orderpipeline.topology.internal.Quantities;
import dev.orderpipeline.topology.internal.StoreNames;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code accounts} topic to a customer's available funds in one currency: SET replaces the amount,
 * ADJUST adds to it (negative to remove), never below zero. Amounts already charged to orders are not part of the
 * available funds, so a SET does not refund or re-charge them.
 */
public final class AccountAdjustmentProcessor implements Processor<String, AccountAdjustment, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(AccountAdjustmentProcessor.class);

    private KeyValueStore<String, AccountBalance> balances;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.balances = context.getStateStore(StoreNames.ACCOUNT_BALANCES);
    }

    @Override
    public void process(final Record<String, AccountAdjustment> record) {
        final AccountAdjustment adjustment = record.value();
        final String customerId = adjustment.getCustomerId();
        final AccountBalance balance = balances.get(customerId);
        final Map<String, Long> funds = balance == null ? new HashMap<>() : new HashMap<>(balance.getFunds());
        final long before = funds.getOrDefault(adjustment.getCurrency(), 0L);
        final long after = switch (adjustment.getKind()) {
            case SET -> Quantities.set(adjustment.getAmountMinor());
            case ADJUST -> Quantities.adjust(before, adjustment.getAmountMinor());
        };
        funds.put(adjustment.getCurrency(), after);
        balances.put(customerId, new AccountBalance(funds));
        if (adjustment.getKind() == AdjustmentKind.ADJUST && adjustment.getAmountMinor() < -before) {
            LOG.warn("Funds of customer {} in {} would go below zero ({} {}); set to 0", customerId,
                    adjustment.getCurrency(), before, adjustment.getAmountMinor());
        }
        LOG.debug("Funds of customer {} in {}: {} -> {} ({} {})", customerId, adjustment.getCurrency(), before, after,
                adjustment.getKind(), adjustment.getAmountMinor());
    }
}
