package dev.orderpipeline.topology.internal;

import dev.orderpipeline.topology.avro.SagaCommand;
import dev.orderpipeline.topology.avro.SagaReply;
import dev.orderpipeline.topology.internal.payment.FundsLedger;
import dev.orderpipeline.topology.internal.stock.StockLedger;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stock and payment steps on {@code step-requests}: a RESERVE (keyed by SKU) goes to the
 * {@link StockLedger}, an AUTHORIZE (keyed by customer id) to the {@link FundsLedger}, both on this task's stores,
 * and each is answered, keyed by order id, on {@code step-replies}.
 *
 * <p>Both steps share one topic and one processor so that the answers for an order's reservations and its
 * authorization travel in the same exactly-once hop: the saga waits for one commit between asking and deciding.
 */
public final class StepRequestProcessor implements Processor<String, SagaCommand, String, SagaReply> {

    private static final Logger LOG = LoggerFactory.getLogger(StepRequestProcessor.class);

    private ProcessorContext<String, SagaReply> context;
    private StockLedger stock;
    private FundsLedger funds;

    @Override
    public void init(final ProcessorContext<String, SagaReply> context) {
        this.context = context;
        this.stock = new StockLedger(context.getStateStore(StoreNames.STOCK_LEVELS));
        this.funds = new FundsLedger(context.getStateStore(StoreNames.ACCOUNT_BALANCES));
    }

    @Override
    public void process(final Record<String, SagaCommand> record) {
        final SagaCommand command = record.value();
        final SagaReply reply = switch (command.getKind()) {
            case RESERVE -> stock.reserve(command);
            case AUTHORIZE -> funds.authorize(command);
            case RELEASE, REFUND, UNKNOWN -> null;
        };
        if (reply == null) {
            LOG.error("Ignoring {} command on step-requests for order {} key {}: only RESERVE and AUTHORIZE belong "
                    + "here", command.getKind(), command.getOrderId(), command.getKey());
            return;
        }
        context.forward(record.withKey(reply.getOrderId()).withValue(reply));
    }
}
