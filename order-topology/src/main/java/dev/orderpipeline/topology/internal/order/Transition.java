package dev.orderpipeline.topology.internal.order;

import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.topology.avro.LineOutcome;
import dev.orderpipeline.topology.avro.OrderSagaState;
import dev.orderpipeline.topology.avro.OrderSnapshot;
import dev.orderpipeline.topology.avro.PaymentCommand;
import dev.orderpipeline.topology.avro.PaymentCommandKind;
import dev.orderpipeline.topology.avro.PaymentPhase;
import dev.orderpipeline.topology.avro.SagaLine;
import dev.orderpipeline.topology.avro.SagaPhase;
import dev.orderpipeline.topology.avro.StockCommand;
import dev.orderpipeline.topology.avro.StockCommandKind;
import dev.orderpipeline.topology.avro.StockLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of one order's saga in the making: a copy of its state plus the effects decided so far. Keeps the
 * bookkeeping that must never go wrong in one place: sequences increase by one per status event, every status event
 * names the status before it, every release marks its line released (so nothing is released twice), every refund
 * marks the payment refunded.
 */
final class Transition {

    private final OrderSagaState.Builder state;
    private final List<SagaEffect> effects = new ArrayList<>();
    private final Instant now;
    private OrderStatus lastStatus;

    Transition(final OrderSagaState current, final long nowMs) {
        this.state = OrderSagaState.newBuilder(current);
        this.now = Instant.ofEpochMilli(nowMs);
        this.lastStatus = current.getSequence() < 0 ? null : statusOf(current.getPhase());
    }

    SagaPhase phase() {
        return state.getPhase();
    }

    PaymentPhase payment() {
        return state.getPayment();
    }

    List<StockLine> lines() {
        return state.getLines();
    }

    OrderSnapshot order() {
        return state.getOrder();
    }

    String orderId() {
        return state.getOrderId();
    }

    /** Emits a status change and moves the sequence on. */
    Transition status(final OrderStatus status, final Rejection reason) {
        final int sequence = state.getSequence() + 1;
        state.setSequence(sequence);
        final OrderSnapshot order = state.getOrder();
        effects.add(new SagaEffect.Status(OrderStatusChanged.newBuilder()
                .setOrderId(state.getOrderId())
                .setCustomerId(order.getCustomerId())
                .setStatus(status)
                .setPreviousStatus(lastStatus)
                .setSequence(sequence)
                .setReasonCode(reason == null ? null : reason.code().name())
                .setReasonMessage(reason == null ? null : reason.message())
                .setChangedAt(now)
                .setOrderCreatedAt(order.getCreatedAt())
                .setCurrency(order.getCurrency())
                .setTotalMinor(order.getTotalMinor())
                .setItems(lineItems(order.getItems()))
                .build()));
        lastStatus = status;
        return this;
    }

    /** Asks for a customer notification about the status just emitted (skipped when there is no customer). */
    Transition notifyCustomer(final NotificationKind kind, final Rejection reason) {
        final OrderSnapshot order = state.getOrder();
        if (order.getCustomerId() == null || order.getCustomerId().isBlank()) {
            return this;
        }
        effects.add(new SagaEffect.Notify(NotificationRequested.newBuilder()
                .setEventId(state.getOrderId() + "#" + state.getSequence())
                .setOrderId(state.getOrderId())
                .setCustomerId(order.getCustomerId())
                .setKind(kind)
                .setReasonCode(reason == null ? null : reason.code().name())
                .setReasonMessage(reason == null ? null : reason.message())
                .setCurrency(order.getCurrency())
                .setTotalMinor(order.getTotalMinor())
                .setRequestedAt(now)
                .build()));
        return this;
    }

    /** Ends the saga as REJECTED with the reason, and tells the customer. */
    Transition reject(final Rejection reason) {
        state.setPhase(SagaPhase.REJECTED);
        state.setReasonCode(reason.code().name());
        state.setReasonMessage(reason.message());
        status(OrderStatus.REJECTED, reason);
        return notifyCustomer(NotificationKind.ORDER_REJECTED, reason);
    }

    /** Ends the saga (or reverses it) as CANCELLED with the reason, and tells the customer. */
    Transition cancel(final Rejection reason) {
        state.setPhase(SagaPhase.CANCELLED);
        state.setReasonCode(reason.code().name());
        state.setReasonMessage(reason.message());
        status(OrderStatus.CANCELLED, reason);
        return notifyCustomer(NotificationKind.ORDER_CANCELLED, reason);
    }

    Transition phase(final SagaPhase phase) {
        state.setPhase(phase);
        return this;
    }

    Transition payment(final PaymentPhase payment) {
        state.setPayment(payment);
        return this;
    }

    /** Asks for a reservation of the line. */
    Transition reserve(final StockLine line) {
        effects.add(new SagaEffect.Reserve(stockCommand(StockCommandKind.RESERVE, line)));
        return this;
    }

    /** Gives back every line currently held (RESERVED) and marks it RELEASED. */
    Transition releaseHeld() {
        for (final StockLine line : state.getLines()) {
            if (line.getOutcome() == LineOutcome.RESERVED) {
                release(line);
            }
        }
        return this;
    }

    /** Gives back one line and marks it RELEASED. */
    Transition release(final StockLine line) {
        line.setOutcome(LineOutcome.RELEASED);
        effects.add(new SagaEffect.Release(stockCommand(StockCommandKind.RELEASE, line)));
        return this;
    }

    /** Asks for the order total from the customer's funds. */
    Transition authorize() {
        state.setPayment(PaymentPhase.AWAITING);
        effects.add(new SagaEffect.Authorize(paymentCommand(PaymentCommandKind.AUTHORIZE)));
        return this;
    }

    /** Gives the charge back and marks the payment REFUNDED. */
    Transition refund() {
        state.setPayment(PaymentPhase.REFUNDED);
        effects.add(new SagaEffect.Refund(paymentCommand(PaymentCommandKind.REFUND)));
        return this;
    }

    Decision decide() {
        return new Decision(state.build(), effects, null);
    }

    Decision decide(final String anomaly) {
        return new Decision(state.build(), effects, anomaly);
    }

    private StockCommand stockCommand(final StockCommandKind kind, final StockLine line) {
        return StockCommand.newBuilder()
                .setKind(kind)
                .setOrderId(state.getOrderId())
                .setSku(line.getSku())
                .setQuantity(line.getQuantity())
                .build();
    }

    private PaymentCommand paymentCommand(final PaymentCommandKind kind) {
        final OrderSnapshot order = state.getOrder();
        return PaymentCommand.newBuilder()
                .setKind(kind)
                .setOrderId(state.getOrderId())
                .setCustomerId(order.getCustomerId())
                .setCurrency(order.getCurrency())
                .setAmountMinor(order.getTotalMinor())
                .build();
    }

    /** The public status an order in this phase last reported; null while only a cancellation is known. */
    static OrderStatus statusOf(final SagaPhase phase) {
        return switch (phase) {
            case AWAITING_STOCK -> OrderStatus.PENDING;
            case AWAITING_PAYMENT -> OrderStatus.STOCK_RESERVED;
            case CONFIRMED -> OrderStatus.CONFIRMED;
            case REJECTED -> OrderStatus.REJECTED;
            case CANCELLED -> OrderStatus.CANCELLED;
            case CANCEL_REQUESTED, UNKNOWN -> null;
        };
    }

    private static List<LineItem> lineItems(final List<SagaLine> lines) {
        final List<LineItem> items = new ArrayList<>(lines.size());
        for (final SagaLine line : lines) {
            items.add(new LineItem(line.getSku(), line.getQuantity(), line.getUnitPriceMinor()));
        }
        return items;
    }
}
