package dev.orderpipeline.topology.internal.order;

import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.topology.avro.CancelRequest;
import dev.orderpipeline.topology.avro.LineOutcome;
import dev.orderpipeline.topology.avro.OrderSagaState;
import dev.orderpipeline.topology.avro.OrderSnapshot;
import dev.orderpipeline.topology.avro.PaymentPhase;
import dev.orderpipeline.topology.avro.SagaCommand;
import dev.orderpipeline.topology.avro.SagaCommandKind;
import dev.orderpipeline.topology.avro.SagaLine;
import dev.orderpipeline.topology.avro.SagaPhase;
import dev.orderpipeline.topology.avro.StockLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of one order's saga in the making: a copy of its state plus the effects decided so far. Keeps the
 * bookkeeping that must never go wrong in one place: sequences increase by one per status event, every status event
 * names the status before it, every release marks its line released and every refund marks the payment refunded, so
 * nothing is given back twice and nothing is given back that the order does not hold.
 */
final class Transition {

    private final OrderSagaState state;
    private final List<SagaEffect> effects = new ArrayList<>();
    private final Instant now;
    private OrderStatus lastStatus;
    private List<LineItem> items;

    /**
     * Starts from a copy of {@code current}, which stays untouched. The copy shares what never changes once an order
     * is placed (the order snapshot, the cancellation request, the strings) and copies the lines, whose outcomes
     * change; the all-fields constructors make a field added to the schema a compile error here rather than a field
     * silently dropped.
     */
    Transition(final OrderSagaState current, final long nowMs) {
        final List<StockLine> lines = new ArrayList<>(current.getLines().size());
        for (final StockLine line : current.getLines()) {
            lines.add(new StockLine(line.getSku(), line.getQuantity(), line.getOutcome(), line.getAvailable()));
        }
        this.state = new OrderSagaState(current.getOrderId(), current.getPhase(), current.getSequence(),
                current.getOrder(), lines, current.getPayment(), current.getPaymentAvailable(),
                current.getCancellation(), current.getReasonCode(), current.getReasonMessage());
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

    /** Records the cancellation request the order is acted on for. */
    Transition cancellation(final CancelRequest request) {
        state.setCancellation(request);
        return this;
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
                .setItems(items())
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

    long paymentAvailable() {
        return state.getPaymentAvailable();
    }

    /** Notes the funds the payment step reported when it declined (for the rejection message). */
    Transition paymentAvailable(final long available) {
        state.setPaymentAvailable(available);
        return this;
    }

    /** Asks for a reservation of the line. */
    Transition reserve(final StockLine line) {
        effects.add(command(SagaCommandKind.RESERVE, line.getSku(), line.getQuantity(), null));
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
        effects.add(command(SagaCommandKind.RELEASE, line.getSku(), line.getQuantity(), null));
        return this;
    }

    /** Asks for the order total from the customer's funds. */
    Transition authorize() {
        state.setPayment(PaymentPhase.AWAITING);
        final OrderSnapshot order = state.getOrder();
        effects.add(command(SagaCommandKind.AUTHORIZE, order.getCustomerId(), order.getTotalMinor(),
                order.getCurrency()));
        return this;
    }

    /** Gives the charge back if the order holds one (payment AUTHORIZED) and marks the payment REFUNDED. */
    Transition refundHeld() {
        if (state.getPayment() == PaymentPhase.AUTHORIZED) {
            state.setPayment(PaymentPhase.REFUNDED);
            final OrderSnapshot order = state.getOrder();
            effects.add(command(SagaCommandKind.REFUND, order.getCustomerId(), order.getTotalMinor(),
                    order.getCurrency()));
        }
        return this;
    }

    /** Gives back whatever the order holds: every RESERVED line and an AUTHORIZED payment. */
    Transition giveBackHeld() {
        return releaseHeld().refundHeld();
    }

    Decision decide() {
        return new Decision(state, effects, null);
    }

    Decision decide(final String anomaly) {
        return new Decision(state, effects, anomaly);
    }

    private SagaEffect command(final SagaCommandKind kind, final String key, final long amount,
                               final String currency) {
        return new SagaEffect.Command(new SagaCommand(kind, state.getOrderId(), key, amount, currency));
    }

    /** The public status an order in this phase last reported; null while only a cancellation is known. */
    static OrderStatus statusOf(final SagaPhase phase) {
        return switch (phase) {
            // In flight, an order has reported PENDING only: STOCK_RESERVED and PAYMENT_AUTHORIZED are written with
            // the decision, once every answer is in.
            case AWAITING -> OrderStatus.PENDING;
            case CONFIRMED -> OrderStatus.CONFIRMED;
            case REJECTED -> OrderStatus.REJECTED;
            case CANCELLED -> OrderStatus.CANCELLED;
            case CANCEL_REQUESTED, UNKNOWN -> null;
        };
    }

    /** The order's items as placed, for the status events: built once per step, shared by its events. */
    private List<LineItem> items() {
        if (items == null) {
            final List<SagaLine> lines = state.getOrder().getItems();
            final List<LineItem> built = new ArrayList<>(lines.size());
            for (final SagaLine line : lines) {
                built.add(new LineItem(line.getSku(), line.getQuantity(), line.getUnitPriceMinor()));
            }
            items = List.copyOf(built);
        }
        return items;
    }
}
