package dev.orderpipeline.topology.internal;

import dev.orderpipeline.topology.avro.SagaCommand;
import dev.orderpipeline.topology.internal.payment.FundsLedger;
import dev.orderpipeline.topology.internal.stock.StockLedger;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the saga's compensations on {@code step-compensations}: a RELEASE (keyed by SKU) gives units back to the
 * {@link StockLedger}, a REFUND (keyed by customer id) gives an amount back to the {@link FundsLedger}. Nothing is
 * answered: the order side counted them as given back when it sent them.
 */
public final class StepCompensationProcessor implements Processor<String, SagaCommand, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(StepCompensationProcessor.class);

    private StockLedger stock;
    private FundsLedger funds;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.stock = new StockLedger(context.getStateStore(StoreNames.STOCK_LEVELS));
        this.funds = new FundsLedger(context.getStateStore(StoreNames.ACCOUNT_BALANCES));
    }

    @Override
    public void process(final Record<String, SagaCommand> record) {
        final SagaCommand command = record.value();
        switch (command.getKind()) {
            case RELEASE -> stock.release(command);
            case REFUND -> funds.refund(command);
            case RESERVE, AUTHORIZE, UNKNOWN -> LOG.error("Ignoring {} command on step-compensations for order {} "
                    + "key {}: only RELEASE and REFUND belong here", command.getKind(), command.getOrderId(),
                    command.getKey());
        }
    }
}
