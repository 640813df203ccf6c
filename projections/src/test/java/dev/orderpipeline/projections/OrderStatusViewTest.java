package dev.orderpipeline.projections;

import static dev.orderpipeline.projections.testing.TestOrder.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.platform.streams.DeadLetters;
import dev.orderpipeline.projections.avro.OrderHistory;
import dev.orderpipeline.projections.avro.StatusEntry;
import dev.orderpipeline.projections.testing.ProjectionsDriver;
import dev.orderpipeline.projections.testing.TestOrder;
import dev.orderpipeline.schemas.avro.OrderStatus;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order-status store (latest status and history per order), fed through the production topology. */
class OrderStatusViewTest {

    private final ProjectionsDriver driver = ProjectionsDriver.utc();

    @AfterEach
    void close() {
        driver.close();
    }

    private OrderHistory stored(final TestOrder order) {
        return driver.get(ProjectionsTopology.ORDER_STATUS_STORE, order.id());
    }

    @Test
    void shouldKeepTheLatestStatusAndTheFullHistory() {
        // Given
        final TestOrder order = order("o-1").customer("c-7").line("SKU-1", 2, 1250);
        // When
        driver.pipe(order.confirmedHistory());
        // Then
        final OrderHistory stored = stored(order);
        assertThat(stored.getStatus()).as("latest status").isEqualTo("CONFIRMED");
        assertThat(stored.getCustomerId()).as("customer").isEqualTo("c-7");
        assertThat(stored.getTotalMinor()).as("total").isEqualTo(2500L);
        assertThat(stored.getHistory()).as("history in sequence order").extracting(StatusEntry::getStatus)
                .containsExactly("PENDING", "STOCK_RESERVED", "PAYMENT_AUTHORIZED", "CONFIRMED");
        assertThat(stored.getUpdatedAt()).as("updated at the confirmation").isEqualTo(order.confirmed().getChangedAt());
    }

    @Test
    void shouldKeepTheReasonOfARejection() {
        // Given
        final TestOrder order = order("o-1");
        // When
        driver.pipe(order.pending(), order.rejected("OUT_OF_STOCK", "SKU-1 is short by 2"));
        // Then
        final OrderHistory stored = stored(order);
        assertThat(stored.getStatus()).as("latest status").isEqualTo("REJECTED");
        assertThat(stored.getReasonCode()).as("reason code").isEqualTo("OUT_OF_STOCK");
        assertThat(stored.getReasonMessage()).as("reason message").isEqualTo("SKU-1 is short by 2");
        assertThat(stored.getHistory().get(1).getReasonCode()).as("reason in the history").isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void shouldDropAReplayedChangeAndAnnounceOnlyNewOnes() {
        // Given
        final TestOrder order = order("o-1");
        driver.pipe(order.pending());
        // When: the same sequence again, even with another status
        driver.pipe(order.pending(), order.change(0, OrderStatus.CONFIRMED, OrderStatus.PENDING));
        // Then
        assertThat(stored(order).getHistory()).as("history after replays").hasSize(1);
        assertThat(stored(order).getStatus()).as("status after replays").isEqualTo("PENDING");
        assertThat(driver.changedOrders()).as("announced changes").containsExactly("o-1");
    }

    @Test
    void shouldFileALateChangeInItsPlaceWithoutChangingTheLatestStatus() {
        // Given
        final TestOrder order = order("o-1");
        driver.pipe(order.pending(), order.change(2, OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.STOCK_RESERVED));
        // When: sequence 1 arrives after sequence 2
        driver.pipe(order.change(1, OrderStatus.STOCK_RESERVED, OrderStatus.PENDING));
        // Then
        assertThat(stored(order).getHistory()).as("history").extracting(StatusEntry::getSequence).containsExactly(0, 1, 2);
        assertThat(stored(order).getStatus()).as("latest status").isEqualTo("PAYMENT_AUTHORIZED");
    }

    @Test
    void shouldDeadLetterAChangeKeyedByAnotherIdAndKeepGoing() {
        // Given
        final TestOrder misKeyed = order("o-1");
        final TestOrder next = order("o-2");
        // When
        driver.pipeKeyed("not-o-1", misKeyed.pending());
        driver.pipe(next.pending());
        // Then
        final TestRecord<byte[], byte[]> deadLetter = driver.deadLetters().readRecord();
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.REASON)).as("dead-letter reason")
                .isEqualTo("PROCESSING_ERROR");
        assertThat(new String(deadLetter.key())).as("original key").isEqualTo("not-o-1");
        assertThat(stored(misKeyed)).as("the mis-keyed order").isNull();
        assertThat(stored(next).getStatus()).as("the next order").isEqualTo("PENDING");
    }
}
