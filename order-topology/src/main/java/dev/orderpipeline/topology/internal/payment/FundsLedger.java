package dev.orderpipeline.topology.internal.payment;

import dev.orderpipeline.topology.avro.AccountBalance;
import dev.orderpipeline.topology.avro.SagaCommand;
import dev.orderpipeline.topology.avro.SagaReply;
import dev.orderpipeline.topology.avro.SagaStep;
import dev.orderpipeline.topology.internal.Quantities;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment step's decisions on the {@code account-balances} store of one task. AUTHORIZE takes the amount if the
 * customer's funds in that currency cover it and answers either way; REFUND gives the amount back. Each customer is
 * owned by one task, which handles its commands one at a time, so an authorization is an atomic check-and-take and
 * funds never go below zero.
 *
 * <p>There is no ledger of charges here: whether an order holds a charge is recorded in the order's own state,
 * which asks for one authorization per order, sends a REFUND only for a charge it holds and marks it refunded, and
 * exactly-once processing applies each command once, so no order is charged twice.
 */
public final class FundsLedger {

    private static final Logger LOG = LoggerFactory.getLogger(FundsLedger.class);

    private final KeyValueStore<String, AccountBalance> balances;

    public FundsLedger(final KeyValueStore<String, AccountBalance> balances) {
        this.balances = balances;
    }

    /** Takes the command's amount from the customer's funds if they cover it; the answer for the order. */
    public SagaReply authorize(final SagaCommand command) {
        final String customerId = command.getKey();
        final String currency = command.getCurrency();
        final Map<String, Long> funds = funds(customerId);
        final long available = currency == null ? 0 : funds.getOrDefault(currency, 0L);
        final boolean enough = currency != null && command.getAmount() >= 0 && available >= command.getAmount();
        if (enough) {
            funds.put(currency, available - command.getAmount());
            balances.put(customerId, new AccountBalance(funds));
        }
        return new SagaReply(SagaStep.PAYMENT, command.getOrderId(), customerId, enough, command.getAmount(),
                available, currency);
    }

    /** Gives the command's amount back to the customer's funds. */
    public void refund(final SagaCommand command) {
        if (command.getCurrency() == null || command.getAmount() < 0) {
            LOG.error("Ignoring refund of {} {} to customer {} for order {}", command.getAmount(),
                    command.getCurrency(), command.getKey(), command.getOrderId());
            return;
        }
        final Map<String, Long> funds = funds(command.getKey());
        funds.put(command.getCurrency(), Quantities.adjust(funds.getOrDefault(command.getCurrency(), 0L),
                command.getAmount()));
        balances.put(command.getKey(), new AccountBalance(funds));
    }

    private Map<String, Long> funds(final String customerId) {
        final AccountBalance balance = balances.get(customerId);
        return balance == null ? new HashMap<>() : new HashMap<>(balance.getFunds());
    }
}
