package dev.orderpipeline.topology.internal.payment;

import dev.orderpipeline.topology.avro.AccountBalance;
import dev.orderpipeline.topology.avro.ChargeStatus;
import dev.orderpipeline.topology.avro.PaymentCharge;
import dev.orderpipeline.topology.avro.PaymentCommand;
import dev.orderpipeline.topology.avro.PaymentResult;
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
 * Takes and gives back order totals from customers' funds. AUTHORIZE takes the amount if the funds in the order's
 * currency cover it, records the charge under the order id, and answers (keyed by order id) either way; an order
 * that already has a charge is answered from the ledger and never charged again. REFUND gives back exactly the
 * recorded charge once and marks it refunded. Funds therefore never go below zero.
 */
public final class PaymentCommandProcessor implements Processor<String, PaymentCommand, String, PaymentResult> {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentCommandProcessor.class);

    private ProcessorContext<String, PaymentResult> context;
    private KeyValueStore<String, AccountBalance> balances;
    private KeyValueStore<String, PaymentCharge> charges;

    @Override
    public void init(final ProcessorContext<String, PaymentResult> context) {
        this.context = context;
        this.balances = context.getStateStore(StoreNames.ACCOUNT_BALANCES);
        this.charges = context.getStateStore(StoreNames.PAYMENT_CHARGES);
    }

    @Override
    public void process(final Record<String, PaymentCommand> record) {
        final PaymentCommand command = record.value();
        switch (command.getKind()) {
            case AUTHORIZE -> authorize(record, command);
            case REFUND -> refund(command);
            case UNKNOWN -> LOG.error("Ignoring payment command of unknown kind for order {} customer {}",
                    command.getOrderId(), command.getCustomerId());
        }
    }

    private void authorize(final Record<String, PaymentCommand> record, final PaymentCommand command) {
        final Map<String, Long> funds = funds(command.getCustomerId());
        final long available = funds.getOrDefault(command.getCurrency(), 0L);
        final PaymentCharge existing = charges.get(command.getOrderId());
        if (existing != null) {
            final boolean charged = existing.getStatus() == ChargeStatus.AUTHORIZED;
            LOG.info("Order {} already has a {} charge; answering {} without charging again", command.getOrderId(),
                    existing.getStatus(), charged ? "authorized" : "declined");
            answer(record, command, charged, available);
            return;
        }
        final boolean enough = command.getAmountMinor() >= 0 && available >= command.getAmountMinor();
        if (enough) {
            funds.put(command.getCurrency(), available - command.getAmountMinor());
            balances.put(command.getCustomerId(), new AccountBalance(funds));
            charges.put(command.getOrderId(), new PaymentCharge(command.getOrderId(), command.getCustomerId(),
                    command.getCurrency(), command.getAmountMinor(), ChargeStatus.AUTHORIZED));
        }
        answer(record, command, enough, available);
    }

    private void refund(final PaymentCommand command) {
        final PaymentCharge charge = charges.get(command.getOrderId());
        if (charge == null || charge.getStatus() != ChargeStatus.AUTHORIZED) {
            LOG.info("Order {} has no charge to refund ({}); nothing to do", command.getOrderId(),
                    charge == null ? "none" : charge.getStatus());
            return;
        }
        final Map<String, Long> funds = funds(charge.getCustomerId());
        funds.put(charge.getCurrency(), Quantities.adjust(funds.getOrDefault(charge.getCurrency(), 0L),
                charge.getAmountMinor()));
        balances.put(charge.getCustomerId(), new AccountBalance(funds));
        charge.setStatus(ChargeStatus.REFUNDED);
        charges.put(command.getOrderId(), charge);
    }

    private Map<String, Long> funds(final String customerId) {
        final AccountBalance balance = balances.get(customerId);
        return balance == null ? new HashMap<>() : new HashMap<>(balance.getFunds());
    }

    private void answer(final Record<String, PaymentCommand> record, final PaymentCommand command,
                        final boolean authorized, final long available) {
        context.forward(record.withKey(command.getOrderId()).withValue(PaymentResult.newBuilder()
                .setOrderId(command.getOrderId())
                .setCustomerId(command.getCustomerId())
                .setAuthorized(authorized)
                .setCurrency(command.getCurrency())
                .setAmountMinor(command.getAmountMinor())
                .setAvailable(available)
                .build()));
    }
}
