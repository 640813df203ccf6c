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
import dev.orderpipeline.topology.avro.PaymentResult;
import dev.orderpipeline.topology.avro.SagaPhase;
import dev.orderpipeline.topology.avro.StockLine;
import dev.orderpipeline.topology.avro.StockResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order state machine on its own, for the interleavings a {@code TopologyTestDriver} cannot produce because it
 * finishes each input before the next: a cancellation or a second answer arriving while reservations or the
 * authorization are still in flight.
 */
class OrderSagaTest {

    private static final long NOW = 1_000L;
    private final OrderSaga saga = new OrderSaga(SagaSettings.defaults());

    @Test
    void shouldReleaseReservationThatAnswersAfterCancellation() {
        // Given
        final OrderSagaState awaiting = placed(order("SKU-1", "SKU-2"));
        final OrderSagaState oneReserved = saga.stockAnswered("o-1", reserved("SKU-1"), awaiting, NOW).state();
        final Decision cancelled = saga.cancelRequested("o-1", cancellation(), oneReserved, NOW);

        // When
        final Decision lateAnswer = saga.stockAnswered("o-1", reserved("SKU-2"), cancelled.state(), NOW);

        // Then
        assertThat(statuses(cancelled)).as("statuses on cancellation").containsExactly(OrderStatus.CANCELLED);
        assertThat(releases(cancelled)).as("released on cancellation").containsExactly("SKU-1");
        assertThat(releases(lateAnswer)).as("released when the late reservation arrives").containsExactly("SKU-2");
        assertThat(statuses(lateAnswer)).as("no status after the decision").isEmpty();
        assertThat(lateAnswer.state().getLines()).extracting(StockLine::getOutcome).as("line outcomes")
                .containsOnly(LineOutcome.RELEASED);
    }

    @Test
    void shouldNotReleaseShortAnswerAfterCancellation() {
        // Given
        final OrderSagaState cancelled = saga.cancelRequested("o-1", cancellation(), placed(order("SKU-1")), NOW).state();

        // When
        final Decision answer = saga.stockAnswered("o-1", shortOf("SKU-1"), cancelled, NOW);

        // Then
        assertThat(answer.effects()).as("effects").isEmpty();
        assertThat(answer.state().getLines().get(0).getOutcome()).as("line").isEqualTo(LineOutcome.SHORT);
    }

    @Test
    void shouldRefundAuthorizationThatAnswersAfterCancellation() {
        // Given
        final OrderSagaState awaitingPayment = saga.stockAnswered("o-1", reserved("SKU-1"),
                placed(order("SKU-1")), NOW).state();
        final Decision cancelled = saga.cancelRequested("o-1", cancellation(), awaitingPayment, NOW);

        // When
        final Decision authorized = saga.paymentAnswered("o-1", payment(true), cancelled.state(), NOW);

        // Then
        assertThat(awaitingPayment.getPhase()).as("phase before cancelling").isEqualTo(SagaPhase.AWAITING_PAYMENT);
        assertThat(releases(cancelled)).as("stock released on cancellation").containsExactly("SKU-1");
        assertThat(authorized.effects()).as("effects of the late authorization").singleElement()
                .isInstanceOf(SagaEffect.Refund.class);
        assertThat(authorized.state().getPayment()).as("payment").isEqualTo(PaymentPhase.REFUNDED);
        assertThat(statuses(authorized)).as("no status after the decision").isEmpty();
    }

    @Test
    void shouldDoNothingWhenDeclineAnswersAfterCancellation() {
        // Given
        final OrderSagaState awaitingPayment = saga.stockAnswered("o-1", reserved("SKU-1"),
                placed(order("SKU-1")), NOW).state();
        final OrderSagaState cancelled = saga.cancelRequested("o-1", cancellation(), awaitingPayment, NOW).state();

        // When
        final Decision declined = saga.paymentAnswered("o-1", payment(false), cancelled, NOW);

        // Then
        assertThat(declined.effects()).as("effects").isEmpty();
        assertThat(declined.state().getPayment()).as("payment").isEqualTo(PaymentPhase.DECLINED);
    }

    @Test
    void shouldIgnoreRepeatedAnswers() {
        // Given
        final OrderSagaState awaitingPayment = saga.stockAnswered("o-1", reserved("SKU-1"),
                placed(order("SKU-1")), NOW).state();
        final OrderSagaState confirmed = saga.paymentAnswered("o-1", payment(true), awaitingPayment, NOW).state();

        // When
        final Decision repeatedStock = saga.stockAnswered("o-1", reserved("SKU-1"), confirmed, NOW);
        final Decision repeatedPayment = saga.paymentAnswered("o-1", payment(true), confirmed, NOW);

        // Then
        assertThat(confirmed.getPhase()).as("phase").isEqualTo(SagaPhase.CONFIRMED);
        assertThat(repeatedStock.effects()).as("effects of a repeated stock answer").isEmpty();
        assertThat(repeatedStock.newState()).as("state after a repeated stock answer").isEmpty();
        assertThat(repeatedPayment.effects()).as("effects of a repeated payment answer").isEmpty();
        assertThat(repeatedPayment.anomalyNote()).as("logged").isPresent();
    }

    @Test
    void shouldReleaseReservationForUnknownOrder() {
        // Given
        final StockResult stray = reserved("SKU-9");

        // When
        final Decision decision = saga.stockAnswered("o-unknown", stray, null, NOW);

        // Then
        assertThat(releases(decision)).as("released").containsExactly("SKU-9");
        assertThat(decision.newState()).as("no state for an unknown order").isEmpty();
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
        assertThat(placed.effects()).as("no reservation asked").noneMatch(e -> e instanceof SagaEffect.Reserve);
    }

    @Test
    void shouldKeepSequencesGaplessAcrossSteps() {
        // Given
        final Decision placed = saga.placed("o-1", order("SKU-1"), null, NOW);
        final Decision reserved = saga.stockAnswered("o-1", reserved("SKU-1"), placed.state(), NOW);
        final Decision confirmed = saga.paymentAnswered("o-1", payment(true), reserved.state(), NOW);

        // When
        final Decision reversed = saga.cancelRequested("o-1", cancellation(), confirmed.state(), NOW);

        // Then
        assertThat(List.of(placed, reserved, confirmed, reversed)).flatExtracting(OrderSagaTest::statusEvents)
                .extracting(SagaEffect.Status::event)
                .extracting(e -> e.getSequence() + ":" + e.getStatus() + "<-" + e.getPreviousStatus())
                .as("sequence:status<-previous")
                .containsExactly("0:PENDING<-null", "1:STOCK_RESERVED<-PENDING", "2:PAYMENT_AUTHORIZED<-STOCK_RESERVED",
                        "3:CONFIRMED<-PAYMENT_AUTHORIZED", "4:CANCELLED<-CONFIRMED");
        assertThat(reversed.effects()).as("reversal gives everything back")
                .anyMatch(e -> e instanceof SagaEffect.Refund).anyMatch(e -> e instanceof SagaEffect.Release);
    }

    @Test
    void shouldRefuseCancellationByAnotherCustomerWhileReservationsAreInFlight() {
        // Given
        final OrderSagaState awaiting = placed(order("SKU-1", "SKU-2"));
        final OrderSagaState oneReserved = saga.stockAnswered("o-1", reserved("SKU-1"), awaiting, NOW).state();

        // When
        final Decision refused = saga.cancelRequested("o-1", cancellationBoundTo("c-2"), oneReserved, NOW);
        final Decision lastAnswer = saga.stockAnswered("o-1", reserved("SKU-2"), oneReserved, NOW);

        // Then
        assertThat(refused.effects()).as("effects of the refused cancellation: no status, no release").isEmpty();
        assertThat(refused.newState()).as("state after the refused cancellation").isEmpty();
        assertThat(refused.anomalyNote()).as("logged").hasValueSatisfying(note -> assertThat(note)
                .startsWith("CANCELLATION_NOT_OWNER").contains("c-2", "c-1", "AWAITING_STOCK"));
        assertThat(statuses(lastAnswer)).as("the order goes on").containsExactly(OrderStatus.STOCK_RESERVED);
        assertThat(lastAnswer.effects()).as("payment asked").anyMatch(e -> e instanceof SagaEffect.Authorize);
    }

    @Test
    void shouldRefuseCancellationByAnotherCustomerWhileTheAuthorizationIsInFlight() {
        // Given
        final OrderSagaState awaitingPayment = saga.stockAnswered("o-1", reserved("SKU-1"),
                placed(order("SKU-1")), NOW).state();

        // When
        final Decision refused = saga.cancelRequested("o-1", cancellationBoundTo("c-2"), awaitingPayment, NOW);

        // Then
        assertThat(awaitingPayment.getPhase()).as("phase before cancelling").isEqualTo(SagaPhase.AWAITING_PAYMENT);
        assertThat(refused.effects()).as("effects of the refused cancellation").isEmpty();
        assertThat(refused.newState()).as("state after the refused cancellation").isEmpty();
        assertThat(refused.anomalyNote()).as("logged").hasValueSatisfying(note -> assertThat(note)
                .startsWith("CANCELLATION_NOT_OWNER"));
    }

    @Test
    void shouldCancelInFlightOrderWhenItsOwnCustomerCancels() {
        // Given
        final OrderSagaState awaiting = placed(order("SKU-1", "SKU-2"));
        final OrderSagaState oneReserved = saga.stockAnswered("o-1", reserved("SKU-1"), awaiting, NOW).state();

        // When
        final Decision cancelled = saga.cancelRequested("o-1", cancellationBoundTo("c-1"), oneReserved, NOW);

        // Then
        assertThat(statuses(cancelled)).as("statuses").containsExactly(OrderStatus.CANCELLED);
        assertThat(releases(cancelled)).as("released").containsExactly("SKU-1");
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
        assertThat(placed.effects()).as("reservation asked").anyMatch(e -> e instanceof SagaEffect.Reserve);
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

    private static StockResult reserved(final String sku) {
        return new StockResult("o-1", sku, 1L, true, 10L);
    }

    private static StockResult shortOf(final String sku) {
        return new StockResult("o-1", sku, 1L, false, 0L);
    }

    private static PaymentResult payment(final boolean authorized) {
        return new PaymentResult("o-1", "c-1", authorized, "EUR", 100L, 1_000L);
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

    private static List<String> releases(final Decision decision) {
        return decision.effects().stream()
                .filter(SagaEffect.Release.class::isInstance)
                .map(e -> ((SagaEffect.Release) e).command().getSku())
                .toList();
    }
}
