package dev.orderpipeline.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.bench.chaos.ApiSnapshot.SalesFigures;
import dev.orderpipeline.schemas.avro.OrderStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTest {

    private static List<String> failed(final AuditReport report) {
        return report.failures().stream().map(AuditReport.Check::name).toList();
    }

    @Test
    void shouldPassAConsistentRunWithConfirmationsRejectionsReversalsAndPoison() {
        // Given
        final Scenario run = new Scenario().confirmed("o-1").confirmed("o-2").rejectedOverHttp("k-3", "o-3")
                .reversed("o-4").poison("poison-1");

        // When
        final AuditReport report = run.audit();

        // Then
        assertThat(report.failures()).as(report.render()).isEmpty();
        assertThat(report.counts()).containsEntry("decisions CONFIRMED", 3L)
                .containsEntry("reversals (CANCELLED after CONFIRMED)", 1L)
                .containsEntry("records on orders-dlq", 1L);
    }

    @Test
    void shouldFailWhenAnAcknowledgedOrderHasNoDecision() {
        // Given: acknowledged and on the topic, but only PENDING
        final Scenario run = new Scenario().confirmed("o-1");
        run.placed("o-2");
        run.ledger.directAcked("o-2");
        run.history("o-2", OrderStatus.PENDING);

        // When
        final AuditReport report = run.audit();

        // Then
        assertThat(failed(report)).anyMatch(name -> name.startsWith("every acknowledged order"));
        assertThat(report.failures().get(0).examples()).containsExactly("o-2");
    }

    @Test
    void shouldFailWhenAnOrderIsDecidedTwice() {
        // Given: confirmed, then a second decision (not a reversal)
        final Scenario run = new Scenario().confirmed("o-1");
        run.history("o-1", OrderStatus.REJECTED);

        // When / Then
        assertThat(failed(run.audit())).anyMatch(name -> name.startsWith("every acknowledged order"))
                .anyMatch(name -> name.startsWith("status histories are well formed"));
    }

    @Test
    void shouldFailWhenAStatusEventIsRepeated() {
        // Given: the CONFIRMED event twice with the same sequence (what a non-transactional retry would leave)
        final Scenario run = new Scenario().confirmed("o-1");
        run.statuses.add(run.statuses.get(run.statuses.size() - 1));

        // When
        final AuditReport report = run.audit();

        // Then
        assertThat(failed(report)).anyMatch(name -> name.startsWith("status histories are well formed"));
    }

    @Test
    void shouldFailWhenAnAcknowledgedHttpOrderIsNotOnTheTopic() {
        // Given
        final Scenario run = new Scenario().confirmed("o-1");
        run.ledger.httpAccepted("k-9", "o-9");

        // When / Then
        assertThat(failed(run.audit())).anyMatch(name -> name.startsWith("no acknowledged HTTP order was lost"));
    }

    @Test
    void shouldFailWhenOneIdempotencyKeyNamesTwoOrders() {
        // Given
        final Scenario run = new Scenario().rejectedOverHttp("k-1", "o-1").rejectedOverHttp("k-1", "o-2");

        // When / Then
        assertThat(failed(run.audit())).containsExactly(
                "no acknowledged HTTP order was lost, and each Idempotency-Key names one order");
    }

    @Test
    void shouldFailWhenA5xxHadNoRetryAfter() {
        // Given
        final Scenario run = new Scenario().confirmed("o-1");
        run.ledger.httpStatus(503, true, "POST /orders");
        run.ledger.httpStatus(500, false, "POST /orders");

        // When
        final AuditReport report = run.audit();

        // Then
        assertThat(failed(report)).containsExactly("every 5xx answer carried Retry-After");
        assertThat(report.failures().get(0).detail()).contains("2 5xx answers, 1 without Retry-After");
    }

    @Test
    void shouldFailWhenStoredStockDisagreesWithTheConfirmedUnits() {
        // Given: one more unit taken than the confirmations explain
        final Scenario run = new Scenario().confirmed("o-1");
        run.stock.add(new TopicSnapshot.StoredStock("sku-1", 97L));

        // When / Then
        assertThat(failed(run.audit())).containsExactly("stock never went below zero, and final stock = initial + "
                + "adjustments - confirmed units (+ reversed)");
    }

    @Test
    void shouldFailWhenStockWentNegativeEvenIfItEndsRight() {
        // Given
        final Scenario run = new Scenario();
        run.stock.add(new TopicSnapshot.StoredStock("sku-1", -1L));
        run.stock.add(new TopicSnapshot.StoredStock("sku-1", 100L));

        // When / Then
        assertThat(failed(run.audit())).hasSize(1).allMatch(name -> name.startsWith("stock never went below zero"));
    }

    @Test
    void shouldCountTopUpsInTheExpectedStockAndFunds() {
        // Given: 10 units and 500 minor units added during the load and stored by the saga
        final Scenario run = new Scenario().confirmed("o-1");
        run.ledger.stockAdded("sku-1", 10);
        run.ledger.fundsAdded("c-1", "EUR", 500);
        run.stock.add(new TopicSnapshot.StoredStock("sku-1", 108L));
        run.balances.add(new TopicSnapshot.StoredBalance("c-1", Map.of("EUR", 9_500L)));

        // When / Then
        assertThat(run.audit().failures()).isEmpty();
    }

    @Test
    void shouldFailWhenFundsDisagree() {
        // Given: charged twice
        final Scenario run = new Scenario().confirmed("o-1");
        run.balances.add(new TopicSnapshot.StoredBalance("c-1", Map.of("EUR", 8_000L)));

        // When / Then
        assertThat(failed(run.audit())).hasSize(1).allMatch(name -> name.startsWith("funds never went below zero"));
    }

    @Test
    void shouldFailWhenAnInstanceAnswersOtherSalesFigures() {
        // Given: one instance counts the reversed order
        final Scenario run = new Scenario().confirmed("o-1").reversed("o-2");
        run.sales.put("2031-03", Map.of("projections-1", new SalesFigures(1, 2, Map.of("EUR", 1_000L),
                Map.of("EUR", 1L)), "projections-2", new SalesFigures(2, 4, Map.of("EUR", 2_000L),
                Map.of("EUR", 2L))));

        // When
        final AuditReport report = run.audit();

        // Then
        assertThat(failed(report)).hasSize(1).allMatch(name -> name.startsWith("monthly sales"));
        assertThat(report.failures().get(0).examples()).singleElement().asString().contains("projections-2");
    }

    @Test
    void shouldFailWhenTheApiAnswersAStaleStatus() {
        // Given
        final Scenario run = new Scenario().confirmed("o-1");
        run.apiStatuses.put("o-1", "PAYMENT_AUTHORIZED");

        // When / Then
        assertThat(failed(run.audit())).containsExactly("GET /orders/{id} answers each order's latest status");
    }

    @Test
    void shouldFailWhenTheDeadLetterTopicHoldsSomethingNotInjected() {
        // Given
        final Scenario run = new Scenario().confirmed("o-1").poison("poison-1");
        run.dlq.add(new TopicSnapshot.DeadLetter("o-1", Map.of("reason", "PROCESSING_FAILED")));

        // When / Then
        assertThat(failed(run.audit())).hasSize(1).allMatch(name -> name.startsWith("the dead-letter topics"));
    }

    @Test
    void shouldFailWhenAnInjectedPoisonRecordIsNotDeadLettered() {
        // Given
        final Scenario run = new Scenario().confirmed("o-1");
        run.ledger.poison("poison-2", true);

        // When / Then
        assertThat(failed(run.audit())).hasSize(1).allMatch(name -> name.startsWith("the dead-letter topics"));
    }

    @Test
    void shouldFailWhenAnInvalidOrderWasNotRejected() {
        // Given: an order breaking a rule that got confirmed
        final Scenario run = new Scenario().confirmed("o-1");
        run.ledger.invalid("o-1");

        // When / Then
        assertThat(failed(run.audit())).containsExactly(
                "orders breaking a business rule were REJECTED (not dead-lettered)");
    }

    @Test
    void shouldAcceptAProducedTwiceOrderWithOneHistory() {
        // Given: the same OrderPlaced twice on the topic, one history
        final Scenario run = new Scenario().confirmed("o-1");
        run.placed("o-1");
        run.ledger.duplicateAcked("o-1");

        // When
        final AuditReport report = run.audit();

        // Then
        assertThat(report.failures()).isEmpty();
        assertThat(report.counts()).containsEntry("OrderPlaced records with an id seen before on the topic", 1L);
    }
}
