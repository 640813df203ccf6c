package dev.orderpipeline.topology.internal.order;

import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.topology.ReasonCode;
import dev.orderpipeline.topology.SagaSettings;
import dev.orderpipeline.topology.avro.CancelRequest;
import dev.orderpipeline.topology.avro.LineOutcome;
import dev.orderpipeline.topology.avro.OrderSagaState;
import dev.orderpipeline.topology.avro.OrderSnapshot;
import dev.orderpipeline.topology.avro.PaymentPhase;
import dev.orderpipeline.topology.avro.SagaCommand;
import dev.orderpipeline.topology.avro.SagaCommandKind;
import dev.orderpipeline.topology.avro.SagaLine;
import dev.orderpipeline.topology.avro.SagaPhase;
import dev.orderpipeline.topology.avro.SagaReply;
import dev.orderpipeline.topology.avro.SagaStep;
import dev.orderpipeline.topology.avro.StockLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The state machine of one order, as pure functions of (input, current state, time) to a {@link Decision}. The four
 * inputs are the order itself, the stock step's answer for one SKU, the payment step's answer, and a cancellation
 * request; they may arrive in any order the topics allow, and each is handled in every phase.
 *
 * <p>Stock and payment are asked for <em>at the same time</em>: a valid order sends one RESERVE per distinct SKU and
 * one AUTHORIZE, and is decided when the last answer is in. That costs the customer's funds a short authorization
 * hold on orders that turn out to be short of stock (given back at once), and saves a whole exactly-once hop on
 * every order: the answers of both steps travel in one hop, so an order is decided three commits after it arrived
 * instead of five.
 *
 * <pre>
 *  (none) ──placed──▶ AWAITING ──all answered──▶ all reserved and authorized: STOCK_RESERVED, PAYMENT_AUTHORIZED,
 *     │                 │                         CONFIRMED
 *     │ cancel          │                        any SKU short: REJECTED OUT_OF_STOCK, give back what is held
 *     ▼                 │                        declined: STOCK_RESERVED, REJECTED PAYMENT_DECLINED, release stock
 *  CANCEL_REQUESTED     │ cancel: CANCELLED, give back what is held; answers that come later are given back
 *     │ placed          ▼         on arrival
 *     ▼              CANCELLED                 CONFIRMED ──cancel──▶ CANCELLED (reversal): release all, refund
 *  CANCELLED
 * </pre>
 *
 * <p>"What is held" is in the order's own state: lines RESERVED and a payment AUTHORIZED. Every give-back marks what
 * it gave back (RELEASED, REFUNDED), so nothing is given back twice, and exactly-once processing makes each command
 * act exactly once on the stock and funds.
 *
 * <p>Invalid orders are REJECTED at once; a duplicate {@code OrderPlaced} is ignored ({@link ReasonCode#DUPLICATE_ORDER}
 * in the log only). A cancellation bound to a customer ({@code requestedByCustomerId}) cancels only that customer's
 * orders: for another customer's order it is refused, whether it arrives after the order or before it, and changes
 * nothing ({@link ReasonCode#CANCELLATION_NOT_OWNER} in the log only). An unbound one cancels any order.
 */
public final class OrderSaga {

    private final OrderValidator validator;

    public OrderSaga(final SagaSettings settings) {
        this.validator = new OrderValidator(settings);
    }

    /** An {@code OrderPlaced} arrived; {@code current} is null for an order id never seen. */
    public Decision placed(final String orderId, final OrderPlaced order, final OrderSagaState current, final long now) {
        if (current != null && current.getPhase() != SagaPhase.CANCEL_REQUESTED) {
            return Decision.ignore(ReasonCode.DUPLICATE_ORDER + ": order already known, phase "
                    + current.getPhase() + "; the duplicate changes nothing");
        }
        final Optional<Rejection> invalid = validator.validate(orderId, order);
        final CancelRequest waiting = current == null ? null : current.getCancellation();
        // A cancellation that overtook its order is checked against the order's customer only now.
        final String refusal = waiting == null || mayCancel(waiting, order.getCustomerId()) ? null
                : notOwner(waiting, order.getCustomerId())
                        + "; it arrived before the order, which is processed as if not cancelled";
        final OrderSagaState fresh = OrderSagaState.newBuilder()
                .setOrderId(orderId)
                .setPhase(SagaPhase.AWAITING)
                .setSequence(-1)
                .setOrder(snapshot(order))
                .setLines(invalid.isPresent() ? List.of() : stockLines(order.getItems()))
                .setPayment(PaymentPhase.NOT_REQUESTED)
                .setCancellation(refusal == null ? waiting : null)
                .build();
        final Transition step = new Transition(fresh, now).status(OrderStatus.PENDING, null);
        if (invalid.isPresent()) {
            return step.reject(invalid.get()).decide(refusal);
        }
        if (fresh.getCancellation() != null) {
            return step.cancel(cancelledBeforeConfirmation(fresh.getCancellation())).decide();
        }
        for (final StockLine line : step.lines()) {
            step.reserve(line);
        }
        return step.authorize().decide(refusal);
    }

    /** The stock or the payment step answered. */
    public Decision answered(final String orderId, final SagaReply answer, final OrderSagaState current,
                             final long now) {
        return switch (answer.getStep()) {
            case STOCK -> stockAnswered(orderId, answer, current, now);
            case PAYMENT -> paymentAnswered(orderId, answer, current, now);
            case UNKNOWN -> Decision.ignore("answer of an unknown step (written by a newer version?): " + answer);
        };
    }

    /** The stock step answered the reservation of one SKU. */
    public Decision stockAnswered(final String orderId, final SagaReply answer, final OrderSagaState current,
                                 final long now) {
        if (current == null || current.getOrder() == null) {
            return giveBackUnowned(answer, "stock answer for an order the saga does not know");
        }
        final Transition step = new Transition(current, now);
        final StockLine line = step.lines().stream()
                .filter(l -> l.getSku().equals(answer.getKey())).findFirst().orElse(null);
        if (line == null) {
            return giveBackUnowned(answer, "stock answer for SKU " + answer.getKey() + " the order did not ask for");
        }
        if (line.getOutcome() != LineOutcome.AWAITING) {
            return Decision.ignore("repeated stock answer for SKU " + answer.getKey() + ", line already "
                    + line.getOutcome());
        }
        line.setOutcome(answer.getGranted() ? LineOutcome.RESERVED : LineOutcome.SHORT);
        line.setAvailable(answer.getGranted() ? 0 : answer.getAvailable());
        return switch (step.phase()) {
            case AWAITING -> allAnswered(step) ? decide(step) : step.decide();
            // Cancelled while this reservation was in flight: whatever it got is not wanted any more.
            case CANCELLED, REJECTED -> line.getOutcome() == LineOutcome.RESERVED
                    ? step.release(line).decide() : step.decide();
            case CANCEL_REQUESTED, CONFIRMED, UNKNOWN -> line.getOutcome() == LineOutcome.RESERVED
                    ? step.release(line).decide("stock answer in phase " + step.phase() + "; released it")
                    : Decision.ignore("stock answer in phase " + step.phase());
        };
    }

    /** The payment step answered the authorization. */
    public Decision paymentAnswered(final String orderId, final SagaReply answer, final OrderSagaState current,
                                    final long now) {
        if (current == null || current.getOrder() == null) {
            return giveBackUnowned(answer, "payment answer for an order the saga does not know");
        }
        final Transition step = new Transition(current, now);
        if (step.payment() == PaymentPhase.NOT_REQUESTED) {
            return giveBackUnowned(answer, "payment answer for an order that did not ask for one");
        }
        if (step.payment() != PaymentPhase.AWAITING) {
            return Decision.ignore("repeated payment answer, payment already " + step.payment());
        }
        step.payment(answer.getGranted() ? PaymentPhase.AUTHORIZED : PaymentPhase.DECLINED);
        step.paymentAvailable(answer.getGranted() ? 0 : answer.getAvailable());
        return switch (step.phase()) {
            case AWAITING -> allAnswered(step) ? decide(step) : step.decide();
            // Cancelled while the authorization was in flight: a charge that went through is given back.
            case CANCELLED, REJECTED -> step.refundHeld().decide();
            case CANCEL_REQUESTED, CONFIRMED, UNKNOWN -> answer.getGranted()
                    ? step.refundHeld().decide("payment answer in phase " + step.phase() + "; refunded it")
                    : Decision.ignore("payment answer in phase " + step.phase());
        };
    }

    /**
     * A cancellation was requested. One bound to a customer other than the order's is refused: nothing changes, and
     * the refusal is logged like any other ignored cancellation.
     */
    public Decision cancelRequested(final String orderId, final OrderCancelled request, final OrderSagaState current,
                                    final long now) {
        final CancelRequest cancellation = CancelRequest.newBuilder()
                .setRequestedBy(request.getRequestedBy())
                .setReason(request.getReason())
                .setRequestedAt(request.getRequestedAt())
                .setRequestedByCustomerId(request.getRequestedByCustomerId())
                .build();
        if (current == null) {
            // The cancellation overtook its order (different topics): remember it, the order is cancelled on arrival
            // if the request may cancel it (its customer is only known then).
            return new Decision(OrderSagaState.newBuilder()
                    .setOrderId(orderId)
                    .setPhase(SagaPhase.CANCEL_REQUESTED)
                    .setSequence(-1)
                    .setLines(List.of())
                    .setPayment(PaymentPhase.NOT_REQUESTED)
                    .setCancellation(cancellation)
                    .build(), List.of(), null);
        }
        if (current.getOrder() != null && !mayCancel(cancellation, current.getOrder().getCustomerId())) {
            return Decision.ignore(notOwner(cancellation, current.getOrder().getCustomerId())
                    + "; the order stays in phase " + current.getPhase());
        }
        final Transition step = new Transition(current, now).cancellation(cancellation);
        return switch (step.phase()) {
            case AWAITING -> step.giveBackHeld().cancel(cancelledBeforeConfirmation(cancellation)).decide();
            case CONFIRMED -> step.giveBackHeld().cancel(reversed(cancellation)).decide();
            case CANCEL_REQUESTED -> anotherEarlyCancellation(current, cancellation);
            case REJECTED, CANCELLED, UNKNOWN ->
                    Decision.ignore("cancellation of an order in phase " + current.getPhase() + " changes nothing");
        };
    }

    /**
     * A second cancellation before the order arrived. The first one waits for the order, except that an unbound
     * request replaces a bound one: the bound one may turn out to belong to another customer and be refused, while
     * the unbound one cancels the order whoever placed it. Of two requests bound to different customers the first
     * stays; if it is refused, the owner's cancellation must be sent again once the order is known.
     */
    private static Decision anotherEarlyCancellation(final OrderSagaState current, final CancelRequest cancellation) {
        final CancelRequest waiting = current.getCancellation();
        if (waiting != null && waiting.getRequestedByCustomerId() != null
                && cancellation.getRequestedByCustomerId() == null) {
            return new Decision(OrderSagaState.newBuilder(current).setCancellation(cancellation).build(), List.of(),
                    "cancellation not bound to a customer replaces the waiting one bound to customer "
                            + waiting.getRequestedByCustomerId());
        }
        return Decision.ignore("cancellation of an order in phase " + current.getPhase() + " changes nothing");
    }

    /** A request bound to a customer may cancel only that customer's orders; an unbound one any order. */
    private static boolean mayCancel(final CancelRequest request, final String orderCustomerId) {
        return request.getRequestedByCustomerId() == null || request.getRequestedByCustomerId().equals(orderCustomerId);
    }

    private static String notOwner(final CancelRequest request, final String orderCustomerId) {
        return ReasonCode.CANCELLATION_NOT_OWNER + ": cancellation by " + request.getRequestedBy()
                + " bound to customer " + request.getRequestedByCustomerId()
                + " refused, the order belongs to customer " + orderCustomerId;
    }

    /**
     * Every answer is in. Stock comes first: an order short of stock is rejected OUT_OF_STOCK whatever the payment
     * step said (and given back what it holds); one with all its stock is rejected PAYMENT_DECLINED if the payment
     * was declined, and confirmed otherwise. The statuses follow the steps' documented order.
     */
    private static Decision decide(final Transition step) {
        final List<StockLine> shortLines = step.lines().stream()
                .filter(l -> l.getOutcome() == LineOutcome.SHORT).toList();
        if (!shortLines.isEmpty()) {
            final String detail = shortLines.stream()
                    .map(l -> l.getSku() + " (requested " + l.getQuantity() + ", available " + l.getAvailable() + ")")
                    .collect(Collectors.joining(", "));
            final String alsoDeclined = step.payment() == PaymentPhase.DECLINED
                    ? "; the payment was declined too (" + insufficientFunds(step) + ")" : "";
            return step.giveBackHeld()
                    .reject(new Rejection(ReasonCode.OUT_OF_STOCK, "Not enough stock for " + detail + alsoDeclined))
                    .decide();
        }
        step.status(OrderStatus.STOCK_RESERVED, null);
        if (step.payment() == PaymentPhase.DECLINED) {
            return step.releaseHeld()
                    .reject(new Rejection(ReasonCode.PAYMENT_DECLINED, insufficientFunds(step)))
                    .decide();
        }
        return step.status(OrderStatus.PAYMENT_AUTHORIZED, null)
                .phase(SagaPhase.CONFIRMED)
                .status(OrderStatus.CONFIRMED, null)
                .notifyCustomer(NotificationKind.ORDER_CONFIRMED, null)
                .decide();
    }

    private static String insufficientFunds(final Transition step) {
        final OrderSnapshot order = step.order();
        return "Insufficient funds in " + order.getCurrency() + ": order total " + order.getTotalMinor()
                + ", available " + step.paymentAvailable();
    }

    /**
     * A granted answer nobody wants (no such order, or a SKU it did not ask for): give it back, so that no stock or
     * funds stay held by nothing.
     */
    private static Decision giveBackUnowned(final SagaReply answer, final String why) {
        if (!answer.getGranted()) {
            return Decision.ignore(why);
        }
        final SagaCommandKind giveBack = answer.getStep() == SagaStep.PAYMENT ? SagaCommandKind.REFUND
                : SagaCommandKind.RELEASE;
        final SagaCommand command = new SagaCommand(giveBack, answer.getOrderId(), answer.getKey(),
                answer.getAmount(), answer.getCurrency());
        return new Decision(null, List.of(new SagaEffect.Command(command)), why + "; gave it back");
    }

    private static boolean allAnswered(final Transition step) {
        return step.payment() != PaymentPhase.AWAITING
                && step.lines().stream().noneMatch(l -> l.getOutcome() == LineOutcome.AWAITING);
    }

    private static Rejection cancelledBeforeConfirmation(final CancelRequest request) {
        return new Rejection(ReasonCode.CANCELLED_BEFORE_CONFIRMATION, "Cancelled before confirmation" + by(request));
    }

    private static Rejection reversed(final CancelRequest request) {
        return new Rejection(ReasonCode.REVERSED_AFTER_CONFIRMATION,
                "Confirmed order cancelled; stock and funds returned" + by(request));
    }

    private static String by(final CancelRequest request) {
        final StringBuilder text = new StringBuilder();
        if (request.getRequestedBy() != null) {
            text.append(" by ").append(request.getRequestedBy());
        }
        if (request.getReason() != null && !request.getReason().isBlank()) {
            text.append(": ").append(request.getReason());
        }
        return text.toString();
    }

    private static OrderSnapshot snapshot(final OrderPlaced order) {
        final List<LineItem> items = order.getItems() == null ? List.of() : order.getItems();
        final List<SagaLine> lines = new ArrayList<>(items.size());
        for (final LineItem item : items) {
            if (item != null) {
                lines.add(new SagaLine(item.getSku(), item.getQuantity(), item.getUnitPriceMinor()));
            }
        }
        return OrderSnapshot.newBuilder()
                .setCustomerId(order.getCustomerId())
                .setCurrency(order.getCurrency())
                .setTotalMinor(OrderValidator.totalMinor(items))
                .setCreatedAt(order.getCreatedAt())
                .setItems(lines)
                .build();
    }

    /** One reservation per distinct SKU, quantities summed, in order of first appearance. */
    private static List<StockLine> stockLines(final List<LineItem> items) {
        final Map<String, Long> quantities = new LinkedHashMap<>();
        for (final LineItem item : items) {
            quantities.merge(item.getSku(), (long) item.getQuantity(), Long::sum);
        }
        final List<StockLine> lines = new ArrayList<>(quantities.size());
        quantities.forEach((sku, quantity) -> lines.add(new StockLine(sku, quantity, LineOutcome.AWAITING, 0L)));
        return lines;
    }
}
