package dev.orderpipeline.topology.internal.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.topology.SagaSettings;
import dev.orderpipeline.topology.avro.LineOutcome;
import dev.orderpipeline.topology.avro.OrderSagaState;
import dev.orderpipeline.topology.avro.PaymentPhase;
import dev.orderpipeline.topology.avro.SagaCommand;
import dev.orderpipeline.topology.avro.SagaCommandKind;
import dev.orderpipeline.topology.avro.SagaPhase;
import dev.orderpipeline.topology.avro.SagaReply;
import dev.orderpipeline.topology.avro.SagaStep;
import dev.orderpipeline.topology.avro.StockLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order state machine on its own, for the interleavings a {@code TopologyTestDriver} cannot produce because it
 * finishes each input before the next: answers arriving in any order, a cancellation or a second answer arriving
 * while reservations or the authorization are still in flight.
 */
class OrderSagaTest {

    private static final long NOW = 1_000L;
    private final OrderSaga saga = new OrderSaga(SagaSettings.defaults());

    @Test
    void shouldAskForEveryDistinctSkuAndThePaymentAtOnce() {
        // When
        final Decision placed = saga.placed("o-1", order("SKU-1", "SKU-2", "SKU-1"), null, NOW);

        // Then
        assertThat(statuses(placed)).as("statuses").containsExactly(OrderStatus.PENDING);
        assertThat(commands(placed)).as("commands")
                .containsExactly("RESERVE SKU-1 2", "RESERVE SKU-2 1", "AUTHORIZE c-1 300 EUR");
        assertThat(placed.state().getPhase()).as("phase").isEqualTo(SagaPhase.AWAITING);
        assertThat(placed.state().getPayment()).as("payment").isEqualTo(PaymentPhase.AWAITING);
    }

    @Test
    void shouldConfirmOnTheLastAnswerWhicheverStepAnswersLast() {
        // Given
        final OrderSagaState awaiting = placed(order("SKU-1", "SKU-2"));

        // When: payment first, then the stock
        final Decision paid = saga.answered("o-1", payment(true), awaiting, NOW);
        final Decision firstSku = saga.answered("o-1", reserved("SKU-1"), paid.state(), NOW);
        final Decision paymentFirst = saga.answered("o-1", reserved("SKU-2"), firstSku.state(), NOW);
        // and stock first, then the payment
        final Decision skuTwo = saga.answered("o-1", reserved("SKU-2"), awaiting, NOW);
        final Decision skuOne = saga.answered("o-1", reserved("SKU-1"), skuTwo.state(), NOW);
        final Decision paymentLast = saga.answered("o-1", payment(true), skuOne.state(), NOW);

        // Then
        assertThat(List.of(paid, firstSku, skuTwo, skuOne)).flatExtracting(Decision::effects)
                .as("nothing is said before every answer is in").isEmpty();
        for (final Decision last : List.of(paymentFirst, paymentLast)) {
            assertThat(statuses(last)).as("statuses of the decision").containsExactly(OrderStatus.STOCK_RESERVED,
                    OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.CONFIRMED);
            assertThat(last.state().getPhase()).as("phase").isEqualTo(SagaPhase.CONFIRMED);
            assertThat(commands(last)).as("nothing given back").isEmpty();
            assertThat(last.effects()).as("the customer is told").anyMatch(e -> e instanceof SagaEffect.Notify);
        }
    }

    @Test
    void shouldGiveBackStockAndRefundTheAuthorizationWhenASkuIsShort() {
        // Given
        final OrderSagaState awaiting = placed(order("SKU-1", "SKU-2"));
        final OrderSagaState paid = saga.answered("o-1", payment(true), awaiting, NOW).state();
        final OrderSagaState oneReserved = saga.answered("o-1", reserved("SKU-1"), paid, NOW).state();

        // When
        final Decision rejected = saga.answered("o-1", shortOf("SKU-2"), oneReserved, NOW);

        // Then
        assertThat(statuses(rejected)).as("statuses").containsExactly(OrderStatus.REJECTED);
        assertThat(rejected.state().getReasonCode()).as("reason").isEqualTo("OUT_OF_STOCK");
        assertThat(commands(rejected)).as("compensation")
                .containsExactly("RELEASE SKU-1 1", "REFUND c-1 200 EUR");
        assertThat(rejected.state().getPayment()).as("payment").isEqualTo(PaymentPhase.REFUNDED);
        assertThat(rejected.state().getLines()).extracting(StockLine::getOutcome).as("lines")
                .containsExactly(LineOutcome.RELEASED, LineOutcome.SHORT);
    }

    @Test
    void shouldReleaseStockWhenThePaymentIsDeclinedLast() {
        // Given
        final OrderSagaState awaiting = placed(order("SKU-1", "SKU-2"));
        final OrderSagaState reserved = saga.answered("o-1", reserved("SKU-2"),
                saga.answered("o-1", reserved("SKU-1"), awaiting, NOW).state(), NOW).state();

        // When
        final Decision declined = saga.answered("o-1", payment(false), reserved, NOW);

        // Then
        assertThat(statuses(declined)).as("statuses").containsExactly(OrderStatus.STOCK_RESERVED,
                OrderStatus.REJECTED);
        assertThat(declined.state().getReasonCode()).as("reason").isEqualTo("PAYMENT_DECLINED");
        assertThat(declined.state().getReasonMessage()).as("message").contains("order total 200", "available 50");
        assertThat(commands(declined)).as("compensation").containsExactly("RELEASE SKU-1 1", "RELEASE SKU-2 1");
    }

    @Test
    void shouldGiveBackEverythingHeldAndWhatAnswersLaterWhenCancelledInFlight() {
        // Given: SKU-1 reserved, SKU-2 and the payment still in flight
        final OrderSagaState awaiting = placed(order("SKU-1", "SKU-2"));
        final OrderSagaState oneReserved = saga.answered("o-1", reserved("SKU-1"), awaiting, NOW).state();
        final Decision cancelled = saga.cancelRequested("o-1", cancellation(), oneReserved, NOW);

        // When
        final Decision lateStock = saga.answered("o-1", reserved("SKU-2"), cancelled.state(), NOW);
        final Decision latePayment = saga.answered("o-1", payment(true), lateStock.state(), NOW);

        // Then
        assertThat(statuses(cancelled)).as("statuses on cancellation").containsExactly(OrderStatus.CANCELLED);
        assertThat(commands(cancelled)).as("given back on cancellation").containsExactly("RELEASE SKU-1 1");
        assertThat(commands(lateStock)).as("given back when the late reservation arrives")
                .containsExactly("RELEASE SKU-2 1");
        assertThat(commands(latePayment)).as("given back when the late authorization arrives")
                .containsExactly("REFUND c-1 200 EUR");
        assertThat(statuses(lateStock)).as("no status after the decision").isEmpty();
        assertThat(statuses(latePayment)).as("no status after the decision").isEmpty();
        assertThat(latePayment.state().getLines()).extracting(StockLine::getOutcome).as("line outcomes")
                .containsOnly(LineOutcome.RELEASED);
        assertThat(latePayment.state().getPayment()).as("payment").isEqualTo(PaymentPhase.REFUNDED);
    }

    @Test
    void shouldRefundAnAuthorizationAlreadyHeldWhenCancelled() {
        // Given
        final OrderSagaState paid = saga.answered("o-1", payment(true), placed(order("SKU-1")), NOW).state();

        // When
        final Decision cancelled = saga.cancelRequested("o-1", cancellation(), paid, NOW);
        final Decision lateShort = saga.answered("o-1", shortOf("SKU-1"), cancelled.state(), NOW);

        // Then
        assertThat(commands(cancelled)).as("given back on cancellation").containsExactly("REFUND c-1 100 EUR");
        assertThat(lateShort.effects()).as("a short answer holds nothing to give back").isEmpty();
        assertThat(lateShort.state().getLines().get(0).getOutcome()).as("line").isEqualTo(LineOutcome.SHORT);
    }

    @Test
    void shouldDoNothingWhenDeclineAnswersAfterCancellation() {
        // Given
        final OrderSagaState cancelled = saga.cancelRequested("o-1", cancellation(), placed(order("SKU-1")), NOW)
                .state();

        // When
        final Decision declined = saga.answered("o-1", payment(false), cancelled, NOW);

        // Then
        assertThat(declined.effects()).as("effects").isEmpty();
        assertThat(declined.state().getPayment()).as("payment").isEqualTo(PaymentPhase.DECLINED);
    }

    @Test
    void shouldIgnoreRepeatedAnswers() {
        // Given
        final OrderSagaState reserved = saga.answered("o-1", reserved("SKU-1"), placed(order("SKU-1")), NOW).state();
        final OrderSagaState confirmed = saga.answered("o-1", payment(true), reserved, NOW).state();

        // When
        final Decision repeatedStock = saga.answered("o-1", reserved("SKU-1"), confirmed, NOW);
        final Decision repeatedPayment = saga.answered("o-1", payment(true), confirmed, NOW);

        // Then
        assertThat(confirmed.getPhase()).as("phase").isEqualTo(SagaPhase.CONFIRMED);
        assertThat(repeatedStock.effects()).as("effects of a repeated stock answer").isEmpty();
        assertThat(repeatedStock.newState()).as("state after a repeated stock answer").isEmpty();
        assertThat(repeatedPayment.effects()).as("effects of a repeated payment answer").isEmpty();
        assertThat(repeatedPayment.anomalyNote()).as("logged").isPresent();
    }

    @Test
    void shouldGiveBackGrantedAnswersNobodyAskedFor() {
        // Given
        final OrderSagaState cancelledEarly = saga.placed("o-1", order("SKU-1"),
                saga.cancelRequested("o-1", cancellation(), null, NOW).state(), NOW).state();

        // When
        final Decision strayStock = saga.answered("o-unknown", reserved("SKU-9"), null, NOW);
        final Decision strayPayment = saga.answered("o-unknown", payment(true), null, NOW);
        final Decision unaskedPayment = saga.answered("o-1", payment(true), cancelledEarly, NOW);
        final Decision strayShort = saga.answered("o-unknown", shortOf("SKU-9"), null, NOW);

        // Then
        assertThat(commands(strayStock)).as("stray reservation").containsExactly("RELEASE SKU-9 1");
        assertThat(commands(strayPayment)).as("stray authorization").containsExactly("REFUND c-1 200 EUR");
        assertThat(commands(unaskedPayment)).as("authorization the order never asked for")
                .containsExactly("REFUND c-1 200 EUR");
        assertThat(strayShort.effects()).as("a refusal holds nothing").isEmpty();
        assertThat(List.of(strayStock, strayPayment, unaskedPayment, strayShort)).allSatisfy(d ->
                assertThat(d.newState()).as("no state changes").isEmpty());
    }

    @Test
    void shouldIgnoreAnswersOfAStepItDoesNotKnow() {
        // Given
        final OrderSagaState awaiting = placed(order("SKU-1"));
        final SagaReply future = new SagaReply(SagaStep.UNKNOWN, "o-1", "x", true, 1L, 1L, null);

        // When
        final Decision decision = saga.answered("o-1", future, awaiting, NOW);

        // Then
        assertThat(decision.effects()).as("effects").isEmpty();
        assertThat(decision.newState()).as("state").isEmpty();
        assertThat(decision.anomalyNote()).as("logged").isPresent();
    }

    @Test
    void shouldRememberCancellationThatOvertakesItsOrder() {
        // Given
        final Decision early = saga.cancelRequested("o-1", cancellation(), null, NOW);

        // When
        final Decision placed = saga.placed("o-1", order("SKU-1"), early.state(), NOW);

        // Then
        assertThat(early.effects()).as("nothing to say before the order exists").isEmpty();
        assertThat(early.state().getPhase()).as("phase").isEqualTo(SagaPhase.CANCEL_REQUESTED);
        assertThat(statuses(placed)).as("statuses").containsExactly(OrderStatus.PENDING, OrderStatus.CANCELLED);
        assertThat(commands(placed)).as("nothing asked").isEmpty();
    }

    @Test
    void shouldKeepSequencesGaplessAcrossSteps() {
        // Given
        final Decision placed = saga.placed("o-1", order("SKU-1"), null, NOW);
        final Decision reserved = saga.answered("o-1", reserved("SKU-1"), placed.state(), NOW);
        final Decision confirmed = saga.answered("o-1", payment(true), reserved.state(), NOW);

        // When
        final Decision reversed = saga.cancelRequested("o-1", cancellation(), confirmed.state(), NOW);

        // Then
        assertThat(List.of(placed, reserved, confirmed, reversed)).flatExtracting(OrderSagaTest::statusEvents)
                .extracting(SagaEffect.Status::event)
                .extracting(e -> e.getSequence() + ":" + e.getStatus() + "<-" + e.getPreviousStatus())
                .as("sequence:status<-previous")
                .containsExactly("0:PENDING<-null", "1:STOCK_RESERVED<-PENDING", "2:PAYMENT_AUTHORIZED<-STOCK_RESERVED",
                        "3:CONFIRMED<-PAYMENT_AUTHORIZED", "4:CANCELLED<-CONFIRMED");
        assertThat(commands(reversed)).as("reversal gives everything back")
                .containsExactly("RELEASE SKU-1 1", "REFUND c-1 100 EUR");
    }

    @Test
    void shouldRefuseCancellationByAnotherCustomerWhileAnswersAreInFlight() {
        // Given
        final OrderSagaState awaiting = placed(order("SKU-1", "SKU-2"));
        final OrderSagaState oneReserved = saga.answered("o-1", reserved("SKU-1"), awaiting, NOW).state();

        // When
        final Decision refused = saga.cancelRequested("o-1", cancellationBoundTo("c-2"), oneReserved, NOW);
        final OrderSagaState bothReserved = saga.answered("o-1", reserved("SKU-2"), oneReserved, NOW).state();
        final Decision lastAnswer = saga.answered("o-1", payment(true), bothReserved, NOW);

        // Then
        assertThat(refused.effects()).as("effects of the refused cancellation: no status, no release").isEmpty();
        assertThat(refused.newState()).as("state after the refused cancellation").isEmpty();
        assertThat(refused.anomalyNote()).as("logged").hasValueSatisfying(note -> assertThat(note)
                .startsWith("CANCELLATION_NOT_OWNER").contains("c-2", "c-1", "AWAITING"));
        assertThat(statuses(lastAnswer)).as("the order goes on").endsWith(OrderStatus.CONFIRMED);
    }

    @Test
    void shouldCancelInFlightOrderWhenItsOwnCustomerCancels() {
        // Given
        final OrderSagaState awaiting = placed(order("SKU-1", "SKU-2"));
        final OrderSagaState oneReserved = saga.answered("o-1", reserved("SKU-1"), awaiting, NOW).state();

        // When
        final Decision cancelled = saga.cancelRequested("o-1", cancellationBoundTo("c-1"), oneReserved, NOW);

        // Then
        assertThat(statuses(cancelled)).as("statuses").containsExactly(OrderStatus.CANCELLED);
        assertThat(commands(cancelled)).as("given back").containsExactly("RELEASE SKU-1 1");
        assertThat(cancelled.state().getCancellation().getRequestedByCustomerId()).as("stored requester's customer")
                .isEqualTo("c-1");
    }

    @Test
    void shouldForgetCancellationByAnotherCustomerThatOvertookItsOrder() {
        // Given
        final Decision early = saga.cancelRequested("o-1", cancellationBoundTo("c-2"), null, NOW);

        // When
        final Decision placed = saga.placed("o-1", order("SKU-1"), early.state(), NOW);

        // Then
        assertThat(early.state().getCancellation().getRequestedByCustomerId()).as("waiting request's customer")
                .isEqualTo("c-2");
        assertThat(statuses(placed)).as("statuses").containsExactly(OrderStatus.PENDING);
        assertThat(commands(placed)).as("stock and payment asked")
                .containsExactly("RESERVE SKU-1 1", "AUTHORIZE c-1 100 EUR");
        assertThat(placed.state().getCancellation()).as("refused request not kept").isNull();
        assertThat(placed.anomalyNote()).as("logged").hasValueSatisfying(note -> assertThat(note)
                .startsWith("CANCELLATION_NOT_OWNER"));
    }

    @Test
    void shouldKeepTheFirstOfTwoWaitingCancellationsUnlessAnUnboundOneReplacesABoundOne() {
        // Given
        final OrderSagaState boundWaiting = saga.cancelRequested("o-1", cancellationBoundTo("c-2"), null, NOW).state();
        final OrderSagaState unboundWaiting = saga.cancelRequested("o-1", cancellation(), null, NOW).state();

        // When
        final Decision unboundAfterBound = saga.cancelRequested("o-1", cancellation(), boundWaiting, NOW);
        final Decision boundAfterBound = saga.cancelRequested("o-1", cancellationBoundTo("c-1"), boundWaiting, NOW);
        final Decision boundAfterUnbound = saga.cancelRequested("o-1", cancellationBoundTo("c-2"), unboundWaiting,
                NOW);

        // Then
        assertThat(unboundAfterBound.newState()).as("unbound replaces bound").hasValueSatisfying(state ->
                assertThat(state.getCancellation().getRequestedByCustomerId()).as("customer").isNull());
        assertThat(boundAfterBound.newState()).as("second bound request").isEmpty();
        assertThat(boundAfterUnbound.newState()).as("bound request after an unbound one").isEmpty();
        assertThat(List.of(unboundAfterBound, boundAfterBound, boundAfterUnbound))
                .flatExtracting(Decision::effects).as("effects before the order arrives").isEmpty();
    }

    private OrderSagaState placed(final OrderPlaced order) {
        return saga.placed(order.getOrderId(), order, null, NOW).state();
    }

    /** Order o-1 of customer c-1 in EUR: one unit at 100 per SKU given (a SKU given twice is one line of two). */
    private static OrderPlaced order(final String... skus) {
        return OrderPlaced.newBuilder()
                .setOrderId("o-1")
                .setCustomerId("c-1")
                .setCurrency("EUR")
                .setItems(java.util.Arrays.stream(skus).map(sku -> new LineItem(sku, 1, 100L)).toList())
                .setCreatedAt(Instant.ofEpochMilli(NOW))
                .setSource(OrderSource.HTTP)
                .build();
    }

    private static SagaReply reserved(final String sku) {
        return new SagaReply(SagaStep.STOCK, "o-1", sku, true, 1L, 10L, null);
    }

    private static SagaReply shortOf(final String sku) {
        return new SagaReply(SagaStep.STOCK, "o-1", sku, false, 1L, 0L, null);
    }

    /** The payment step's answer to an authorization of 200 EUR (funds 50 when declined). */
    private static SagaReply payment(final boolean authorized) {
        return new SagaReply(SagaStep.PAYMENT, "o-1", "c-1", authorized, 200L, authorized ? 1_000L : 50L, "EUR");
    }

    /** A cancellation not bound to a customer. */
    private static OrderCancelled cancellation() {
        return new OrderCancelled("o-1", "c-1", "no longer needed", Instant.ofEpochMilli(NOW), null);
    }

    /** A cancellation by a caller bound to the customer. */
    private static OrderCancelled cancellationBoundTo(final String customerId) {
        return new OrderCancelled("o-1", "shop-" + customerId, "no longer needed", Instant.ofEpochMilli(NOW),
                customerId);
    }

    private static List<SagaEffect.Status> statusEvents(final Decision decision) {
        return decision.effects().stream()
                .filter(SagaEffect.Status.class::isInstance).map(SagaEffect.Status.class::cast).toList();
    }

    private static List<OrderStatus> statuses(final Decision decision) {
        return statusEvents(decision).stream().map(s -> s.event().getStatus()).toList();
    }

    /** The commands of a decision as {@code KIND key amount [currency]}. */
    private static List<String> commands(final Decision decision) {
        return decision.effects().stream()
                .filter(SagaEffect.Command.class::isInstance)
                .map(e -> ((SagaEffect.Command) e).command())
                .map(OrderSagaTest::describe)
                .toList();
    }

    private static String describe(final SagaCommand c) {
        final boolean payment = c.getKind() == SagaCommandKind.AUTHORIZE || c.getKind() == SagaCommandKind.REFUND;
        return c.getKind() + " " + c.getKey() + " " + c.getAmount() + (payment ? " " + c.getCurrency() : "");
    }
}
