package dev.orderpipeline.topology;

import static dev.orderpipeline.topology.SagaTestDriver.line;
import static dev.orderpipeline.topology.SagaTestDriver.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orderpipeline.platform.streams.DeadLetters;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.topology.avro.PaymentPhase;
import dev.orderpipeline.topology.internal.order.OrderSagaProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The saga's behaviour, scenario by scenario, on the production topology in a {@link SagaTestDriver}. Each input is
 * processed to completion (through every internal topic) before the next, so in-flight interleavings are covered by
 * {@code OrderSagaTest} on the state machine and by the integration test on a real broker.
 */
class OrderSagaTopologyTest {

    private static final List<OrderStatus> CONFIRMED_HISTORY = List.of(OrderStatus.PENDING,
            OrderStatus.STOCK_RESERVED, OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.CONFIRMED);

    @TempDir
    Path stateDir;
    SagaTestDriver saga;

    @BeforeEach
    void start() {
        saga = new SagaTestDriver(stateDir, SagaSettings.defaults().withMaxOrderTotalMinor(1_000_000));
    }

    @AfterEach
    void stop() {
        saga.close();
    }

    @Nested
    class DecisionMetrics {

        @Test
        void shouldCountEveryTerminalStatusByOutcomeAndReason() {
            // Given
            saga.setStock("SKU-1", 1);
            saga.setFunds("c-1", "EUR", 10_000);

            // When: one confirmed, one out of stock, one declined
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 1, 1000)));
            saga.place(order("o-2", "c-1", "EUR", line("SKU-1", 1, 1000)));
            saga.setStock("SKU-1", 5);
            saga.place(order("o-3", "c-1", "EUR", line("SKU-1", 1, 20_000)));

            // Then
            assertThat(saga.decisionsCounted("CONFIRMED")).as("confirmed").isEqualTo(1.0);
            assertThat(saga.decisionsCounted("REJECTED.OUT_OF_STOCK")).as("out of stock").isEqualTo(1.0);
            assertThat(saga.decisionsCounted("REJECTED.PAYMENT_DECLINED")).as("declined").isEqualTo(1.0);
            assertThat(saga.decisionsCounted("CANCELLED")).as("cancelled").isZero();
        }
    }

    @Nested
    class Confirmation {

        @Test
        void shouldConfirmOrderWhenStockAndFundsSuffice() {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setStock("SKU-2", 5);
            saga.setFunds("c-1", "EUR", 10_000);

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 1250), line("SKU-2", 1, 500)));

            // Then
            assertThat(saga.statusesOf("o-1")).as("status history of o-1").isEqualTo(CONFIRMED_HISTORY);
            final List<OrderStatusChanged> history = saga.history("o-1");
            assertThat(history).extracting(OrderStatusChanged::getSequence).as("sequences").containsExactly(0, 1, 2, 3);
            assertThat(history).extracting(OrderStatusChanged::getPreviousStatus).as("previous statuses")
                    .containsExactly(null, OrderStatus.PENDING, OrderStatus.STOCK_RESERVED,
                            OrderStatus.PAYMENT_AUTHORIZED);
            assertThat(history).allSatisfy(event -> {
                assertThat(event.getTotalMinor()).as("total in every event").isEqualTo(3000);
                assertThat(event.getItems()).as("items snapshot in every event").hasSize(2);
                assertThat(event.getOrderCreatedAt()).as("createdAt").isEqualTo(SagaTestDriver.CREATED_AT);
                assertThat(event.getCustomerId()).as("customer").isEqualTo("c-1");
            });
            assertThat(saga.stock("SKU-1")).as("stock of SKU-1 after the sale").isEqualTo(8);
            assertThat(saga.stock("SKU-2")).as("stock of SKU-2 after the sale").isEqualTo(4);
            assertThat(saga.funds("c-1", "EUR")).as("funds of c-1 after the charge").isEqualTo(7000);
            assertThat(saga.payment("o-1")).as("payment of o-1").isEqualTo(PaymentPhase.AUTHORIZED);
            assertThat(saga.heldStock("o-1")).as("units held (sold) for o-1")
                    .containsExactly(entry("SKU-1", 2L), entry("SKU-2", 1L));
            assertThat(saga.notificationsOf("o-1")).as("notifications for o-1").singleElement().satisfies(n -> {
                assertThat(n.getKind()).as("kind").isEqualTo(NotificationKind.ORDER_CONFIRMED);
                assertThat(n.getEventId()).as("event id: order id and sequence of CONFIRMED").isEqualTo("o-1#3");
                assertThat(n.getTotalMinor()).as("total").isEqualTo(3000);
            });
        }

        @Test
        void shouldReserveOnceForRepeatedSkuLines() {
            // Given
            saga.setStock("SKU-1", 3);
            saga.setFunds("c-1", "EUR", 10_000);

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 100), line("SKU-1", 1, 100)));

            // Then
            assertThat(saga.last("o-1").getStatus()).as("last status of o-1").isEqualTo(OrderStatus.CONFIRMED);
            assertThat(saga.stock("SKU-1")).as("stock of SKU-1").isZero();
            assertThat(saga.heldStock("o-1")).as("one reservation for the SKU").containsExactly(entry("SKU-1", 3L));
        }

        @Test
        void shouldProcessOrdersNotKeyedByTheirIdOnTheirOwnKey() {
            // Given
            saga.setStock("SKU-1", 5);
            saga.setFunds("c-1", "EUR", 10_000);

            // When
            saga.placeKeyed(null, order("o-unkeyed", "c-1", "EUR", line("SKU-1", 1, 100)));
            saga.placeKeyed("something-else", order("o-miskeyed", "c-1", "EUR", line("SKU-1", 1, 100)));

            // Then
            assertThat(saga.statusesOf("o-unkeyed")).as("history of the order produced without a key")
                    .isEqualTo(CONFIRMED_HISTORY);
            assertThat(saga.statusesOf("o-miskeyed")).as("history of the order keyed by something else")
                    .isEqualTo(CONFIRMED_HISTORY);
            assertThat(saga.deadLetters()).as("dead letters").isEmpty();
        }
    }

    @Nested
    class OutOfStock {

        @Test
        void shouldRejectOrderWhenStockIsShort() {
            // Given
            saga.setStock("SKU-1", 1);
            saga.setFunds("c-1", "EUR", 10_000);

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 100)));

            // Then
            assertThat(saga.statusesOf("o-1")).as("history").containsExactly(OrderStatus.PENDING, OrderStatus.REJECTED);
            assertThat(saga.last("o-1").getReasonCode()).as("reason").isEqualTo("OUT_OF_STOCK");
            assertThat(saga.last("o-1").getReasonMessage()).as("message names the SKU")
                    .contains("SKU-1 (requested 2, available 1)");
            assertThat(saga.stock("SKU-1")).as("stock untouched").isEqualTo(1);
            assertThat(saga.funds("c-1", "EUR")).as("funds untouched").isEqualTo(10_000);
            assertThat(saga.payment("o-1")).as("the authorization asked alongside was given back")
                    .isEqualTo(PaymentPhase.REFUNDED);
            assertThat(saga.notificationsOf("o-1")).as("notification").singleElement()
                    .satisfies(n -> assertThat(n.getKind()).as("kind").isEqualTo(NotificationKind.ORDER_REJECTED));
        }

        @Test
        void shouldReleasePartialReservationWhenAnotherSkuIsShort() {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setStock("SKU-2", 10);
            saga.setStock("SKU-3", 1);
            saga.setFunds("c-1", "EUR", 10_000);

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 4, 100), line("SKU-2", 5, 100),
                    line("SKU-3", 2, 100), line("SKU-4", 1, 100)));

            // Then
            assertThat(saga.last("o-1").getStatus()).as("decision").isEqualTo(OrderStatus.REJECTED);
            assertThat(saga.last("o-1").getReasonMessage()).as("message names every short SKU")
                    .contains("SKU-3 (requested 2, available 1)", "SKU-4 (requested 1, available 0)")
                    .doesNotContain("SKU-1", "SKU-2");
            assertThat(saga.stockLevels()).as("reserved SKUs released, others untouched")
                    .containsEntry("SKU-1", 10L).containsEntry("SKU-2", 10L).containsEntry("SKU-3", 1L);
            assertThat(saga.funds("c-1", "EUR")).as("funds").isEqualTo(10_000);
            assertThat(saga.ordersHoldingAnything()).as("orders holding stock or funds").isEmpty();
        }
    }

    @Nested
    class PaymentDeclined {

        @Test
        void shouldRejectOrderAndReleaseStockWhenFundsAreShort() {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setStock("SKU-2", 10);
            saga.setFunds("c-1", "EUR", 999);

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 5, 100), line("SKU-2", 5, 100)));

            // Then
            assertThat(saga.statusesOf("o-1")).as("history").containsExactly(OrderStatus.PENDING,
                    OrderStatus.STOCK_RESERVED, OrderStatus.REJECTED);
            assertThat(saga.last("o-1").getReasonCode()).as("reason").isEqualTo("PAYMENT_DECLINED");
            assertThat(saga.last("o-1").getReasonMessage()).as("message").contains("total 1000", "available 999");
            assertThat(saga.stockLevels()).as("stock released").containsEntry("SKU-1", 10L).containsEntry("SKU-2", 10L);
            assertThat(saga.heldStock("o-1")).as("stock held").isEmpty();
            assertThat(saga.funds("c-1", "EUR")).as("funds untouched").isEqualTo(999);
            assertThat(saga.payment("o-1")).as("payment").isEqualTo(PaymentPhase.DECLINED);
            assertThat(saga.notificationsOf("o-1")).as("notification").singleElement().satisfies(n -> {
                assertThat(n.getKind()).as("kind").isEqualTo(NotificationKind.ORDER_REJECTED);
                assertThat(n.getReasonCode()).as("reason").isEqualTo("PAYMENT_DECLINED");
            });
        }

        @Test
        void shouldDeclineWhenFundsAreInAnotherCurrency() {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setFunds("c-1", "USD", 1_000_000);

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 1, 100)));

            // Then
            assertThat(saga.last("o-1").getReasonCode()).as("reason").isEqualTo("PAYMENT_DECLINED");
            assertThat(saga.funds("c-1", "USD")).as("USD funds untouched").isEqualTo(1_000_000);
        }

        @Test
        void shouldRejectForStockAndChargeNothingWhenBothStockAndFundsAreShort() {
            // Given
            saga.setStock("SKU-1", 1);
            saga.setFunds("c-1", "EUR", 10);

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 100)));

            // Then
            assertThat(saga.statusesOf("o-1")).as("history").containsExactly(OrderStatus.PENDING, OrderStatus.REJECTED);
            assertThat(saga.last("o-1").getReasonCode()).as("stock decides first").isEqualTo("OUT_OF_STOCK");
            assertThat(saga.last("o-1").getReasonMessage()).as("message names both failures")
                    .contains("SKU-1 (requested 2, available 1)", "payment was declined too", "available 10");
            assertThat(saga.payment("o-1")).as("payment").isEqualTo(PaymentPhase.DECLINED);
            assertThat(saga.funds("c-1", "EUR")).as("funds").isEqualTo(10);
            assertThat(saga.stock("SKU-1")).as("stock").isEqualTo(1);
        }
    }

    @Nested
    class Duplicates {

        @Test
        void shouldIgnoreDuplicateOfConfirmedOrder() {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setFunds("c-1", "EUR", 10_000);
            final OrderPlaced order = order("o-1", "c-1", "EUR", line("SKU-1", 2, 100));
            saga.place(order);

            // When
            saga.place(order);
            saga.placeKeyed(null, order);

            // Then
            assertThat(saga.statusesOf("o-1")).as("history unchanged by the duplicates").isEqualTo(CONFIRMED_HISTORY);
            assertThat(saga.notificationsOf("o-1")).as("one notification").hasSize(1);
            assertThat(saga.stock("SKU-1")).as("stock taken once").isEqualTo(8);
            assertThat(saga.funds("c-1", "EUR")).as("charged once").isEqualTo(9_800);
        }

        @Test
        void shouldIgnoreDuplicateOfRejectedOrderEvenWhenItWouldNowSucceed() {
            // Given
            saga.setFunds("c-1", "EUR", 10_000);
            final OrderPlaced order = order("o-1", "c-1", "EUR", line("SKU-1", 2, 100));
            saga.place(order);
            saga.setStock("SKU-1", 10);

            // When
            saga.place(order);

            // Then
            assertThat(saga.statusesOf("o-1")).as("history").containsExactly(OrderStatus.PENDING, OrderStatus.REJECTED);
            assertThat(saga.stock("SKU-1")).as("stock").isEqualTo(10);
        }

        @Test
        void shouldIgnoreDifferentOrderReusingAnId() {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setFunds("c-1", "EUR", 10_000);
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 1, 100)));

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 5, 100)));

            // Then
            assertThat(saga.statusesOf("o-1")).as("history").isEqualTo(CONFIRMED_HISTORY);
            assertThat(saga.stock("SKU-1")).as("stock").isEqualTo(9);
        }
    }

    @Nested
    class Cancellation {

        @Test
        void shouldCancelOrderWhoseCancellationArrivedFirst() {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setFunds("c-1", "EUR", 10_000);
            saga.cancel("o-1");

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 100)));

            // Then
            assertThat(saga.statusesOf("o-1")).as("history").containsExactly(OrderStatus.PENDING, OrderStatus.CANCELLED);
            assertThat(saga.last("o-1").getReasonCode()).as("reason").isEqualTo("CANCELLED_BEFORE_CONFIRMATION");
            assertThat(saga.stock("SKU-1")).as("stock").isEqualTo(10);
            assertThat(saga.funds("c-1", "EUR")).as("funds").isEqualTo(10_000);
            assertThat(saga.heldStock("o-1")).as("stock held").isEmpty();
            assertThat(saga.payment("o-1")).as("payment never asked").isEqualTo(PaymentPhase.NOT_REQUESTED);
            assertThat(saga.notificationsOf("o-1")).extracting(NotificationRequested::getKind).as("notifications")
                    .containsExactly(NotificationKind.ORDER_CANCELLED);
        }

        @Test
        void shouldReverseConfirmedOrderReturningStockAndFunds() {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setFunds("c-1", "EUR", 10_000);
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 1_000)));

            // When
            saga.cancel("o-1");

            // Then
            assertThat(saga.statusesOf("o-1")).as("history: one decision, then the reversal")
                    .containsExactly(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.PAYMENT_AUTHORIZED,
                            OrderStatus.CONFIRMED, OrderStatus.CANCELLED);
            final OrderStatusChanged reversal = saga.last("o-1");
            assertThat(reversal.getPreviousStatus()).as("previous status of the reversal")
                    .isEqualTo(OrderStatus.CONFIRMED);
            assertThat(reversal.getSequence()).as("sequence").isEqualTo(4);
            assertThat(reversal.getReasonCode()).as("reason").isEqualTo("REVERSED_AFTER_CONFIRMATION");
            assertThat(saga.stock("SKU-1")).as("stock returned").isEqualTo(10);
            assertThat(saga.funds("c-1", "EUR")).as("funds returned").isEqualTo(10_000);
            assertThat(saga.heldStock("o-1")).as("stock held").isEmpty();
            assertThat(saga.payment("o-1")).as("payment").isEqualTo(PaymentPhase.REFUNDED);
            assertThat(saga.notificationsOf("o-1")).extracting(NotificationRequested::getKind).as("notifications")
                    .containsExactly(NotificationKind.ORDER_CONFIRMED, NotificationKind.ORDER_CANCELLED);
        }

        @Test
        void shouldIgnoreCancellationOfRejectedOrCancelledOrder() {
            // Given
            saga.setFunds("c-1", "EUR", 10_000);
            saga.setStock("SKU-1", 10);
            saga.place(order("o-rejected", "c-1", "EUR", line("SKU-1", 20, 100)));
            saga.place(order("o-cancelled", "c-1", "EUR", line("SKU-1", 1, 100)));
            saga.cancel("o-cancelled");

            // When
            saga.cancel("o-rejected");
            saga.cancel("o-cancelled");

            // Then
            assertThat(saga.statusesOf("o-rejected")).as("history of the rejected order")
                    .containsExactly(OrderStatus.PENDING, OrderStatus.REJECTED);
            assertThat(saga.statusesOf("o-cancelled")).as("history of the cancelled order").endsWith(
                    OrderStatus.CONFIRMED, OrderStatus.CANCELLED).hasSize(5);
            assertThat(saga.stock("SKU-1")).as("stock").isEqualTo(10);
            assertThat(saga.funds("c-1", "EUR")).as("funds").isEqualTo(10_000);
        }
    }

    /** Cancellations bound to a customer ({@code requestedByCustomerId}) cancel only that customer's orders. */
    @Nested
    class CancellationOwnership {

        private static final List<OrderStatus> CANCELLED_EARLY = List.of(OrderStatus.PENDING, OrderStatus.CANCELLED);
        private static final List<OrderStatus> REVERSED_HISTORY = List.of(OrderStatus.PENDING,
                OrderStatus.STOCK_RESERVED, OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.CONFIRMED,
                OrderStatus.CANCELLED);

        @BeforeEach
        void stockAndFunds() {
            saga.setStock("SKU-1", 10);
            saga.setFunds("c-1", "EUR", 10_000);
        }

        @Test
        void shouldRefuseCancellationOfConfirmedOrderByAnotherCustomer() {
            // Given
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 1_000)));

            // When
            final List<String> log = sagaLog(() -> saga.cancelAs("o-1", "shop-c-2", "c-2"));

            // Then
            assertThat(saga.statusesOf("o-1")).as("history: no reversal, no new event").isEqualTo(CONFIRMED_HISTORY);
            assertThat(saga.stock("SKU-1")).as("stock stays sold").isEqualTo(8);
            assertThat(saga.funds("c-1", "EUR")).as("funds stay charged").isEqualTo(8_000);
            assertThat(saga.heldStock("o-1")).as("stock still held").containsExactly(entry("SKU-1", 2L));
            assertThat(saga.payment("o-1")).as("payment").isEqualTo(PaymentPhase.AUTHORIZED);
            assertThat(saga.notificationsOf("o-1")).extracting(NotificationRequested::getKind).as("notifications")
                    .containsExactly(NotificationKind.ORDER_CONFIRMED);
            assertThat(log).as("INFO log of the refusal").singleElement().asString()
                    .contains("o-1", "CANCELLATION_NOT_OWNER", "shop-c-2", "c-2", "c-1");
        }

        @Test
        void shouldRefuseCancellationByAnotherCustomerThatArrivedBeforeTheOrder() {
            // Given
            saga.cancelAs("o-1", "shop-c-2", "c-2");

            // When
            final List<String> log = sagaLog(() -> saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 1_000))));

            // Then
            assertThat(saga.statusesOf("o-1")).as("history: processed as if never cancelled")
                    .isEqualTo(CONFIRMED_HISTORY);
            assertThat(saga.stock("SKU-1")).as("stock sold").isEqualTo(8);
            assertThat(saga.funds("c-1", "EUR")).as("funds charged").isEqualTo(8_000);
            assertThat(saga.notificationsOf("o-1")).extracting(NotificationRequested::getKind).as("notifications")
                    .containsExactly(NotificationKind.ORDER_CONFIRMED);
            assertThat(log).as("INFO log of the refusal").singleElement().asString()
                    .contains("o-1", "CANCELLATION_NOT_OWNER", "shop-c-2", "c-2", "arrived before the order");
        }

        @Test
        void shouldStillLetTheOwnerCancelAfterRefusingAnotherCustomer() {
            // Given
            saga.cancelAs("o-early", "shop-c-2", "c-2");
            saga.place(order("o-early", "c-1", "EUR", line("SKU-1", 1, 1_000)));
            saga.place(order("o-late", "c-1", "EUR", line("SKU-1", 1, 1_000)));
            saga.cancelAs("o-late", "shop-c-2", "c-2");

            // When
            saga.cancelAs("o-early", "shop-c-1", "c-1");
            saga.cancelAs("o-late", "shop-c-1", "c-1");

            // Then
            assertThat(saga.statusesOf("o-early")).as("order refused a cancellation before it arrived")
                    .isEqualTo(REVERSED_HISTORY);
            assertThat(saga.statusesOf("o-late")).as("order refused a cancellation after it was confirmed")
                    .isEqualTo(REVERSED_HISTORY);
            assertThat(saga.stock("SKU-1")).as("stock returned").isEqualTo(10);
            assertThat(saga.funds("c-1", "EUR")).as("funds returned").isEqualTo(10_000);
        }

        @Test
        void shouldCancelOrderWhenItsOwnCustomerCancels() {
            // Given
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 1_000)));

            // When
            saga.cancelAs("o-1", "shop-c-1", "c-1");

            // Then
            assertThat(saga.statusesOf("o-1")).as("history").isEqualTo(REVERSED_HISTORY);
            assertThat(saga.last("o-1").getReasonCode()).as("reason").isEqualTo("REVERSED_AFTER_CONFIRMATION");
            assertThat(saga.last("o-1").getReasonMessage()).as("message names the requester").contains("shop-c-1");
            assertThat(saga.stock("SKU-1")).as("stock returned").isEqualTo(10);
            assertThat(saga.funds("c-1", "EUR")).as("funds returned").isEqualTo(10_000);
            assertThat(saga.payment("o-1")).as("payment").isEqualTo(PaymentPhase.REFUNDED);
        }

        @Test
        void shouldCancelOrderWhoseOwnCustomersCancellationArrivedFirst() {
            // Given
            saga.cancelAs("o-1", "shop-c-1", "c-1");

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 1_000)));

            // Then
            assertThat(saga.statusesOf("o-1")).as("history").isEqualTo(CANCELLED_EARLY);
            assertThat(saga.last("o-1").getReasonCode()).as("reason").isEqualTo("CANCELLED_BEFORE_CONFIRMATION");
            assertThat(saga.stock("SKU-1")).as("stock").isEqualTo(10);
            assertThat(saga.payment("o-1")).as("payment never asked").isEqualTo(PaymentPhase.NOT_REQUESTED);
        }

        @Test
        void shouldCancelAnyCustomersOrderWhenTheCancellationNamesNoCustomer() {
            // Given
            saga.place(order("o-confirmed", "c-1", "EUR", line("SKU-1", 2, 1_000)));
            saga.cancelAs("o-early", "support-agent-7", null);

            // When
            saga.cancelAs("o-confirmed", "support-agent-7", null);
            saga.place(order("o-early", "c-1", "EUR", line("SKU-1", 2, 1_000)));

            // Then
            assertThat(saga.statusesOf("o-confirmed")).as("history of the confirmed order")
                    .isEqualTo(REVERSED_HISTORY);
            assertThat(saga.statusesOf("o-early")).as("history of the order cancelled before it arrived")
                    .isEqualTo(CANCELLED_EARLY);
            assertThat(saga.stock("SKU-1")).as("stock").isEqualTo(10);
            assertThat(saga.funds("c-1", "EUR")).as("funds").isEqualTo(10_000);
        }

        @Test
        void shouldLetAnUnboundCancellationReplaceAWaitingOneBoundToAnotherCustomer() {
            // Given
            saga.cancelAs("o-1", "shop-c-2", "c-2");
            saga.cancelAs("o-1", "support-agent-7", null);

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 2, 1_000)));

            // Then
            assertThat(saga.statusesOf("o-1")).as("history").isEqualTo(CANCELLED_EARLY);
            assertThat(saga.last("o-1").getReasonMessage()).as("message names the unbound requester")
                    .contains("support-agent-7");
            assertThat(saga.stock("SKU-1")).as("stock").isEqualTo(10);
        }

        /** The saga processors' INFO lines logged while {@code action} ran (the test configuration hides them). */
        private List<String> sagaLog(final Runnable action) {
            final Logger logger = (Logger) LoggerFactory.getLogger(OrderSagaProcessor.class);
            final Level level = logger.getLevel();
            final ListAppender<ILoggingEvent> captured = new ListAppender<>();
            captured.start();
            logger.addAppender(captured);
            logger.setLevel(Level.INFO);
            try {
                action.run();
            } finally {
                logger.setLevel(level);
                logger.detachAppender(captured);
            }
            return captured.list.stream().filter(event -> event.getLevel() == Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Nested
    class Validation {

        static Stream<Arguments> invalidOrders() {
            final LineItem ok = line("SKU-1", 1, 100);
            return Stream.of(
                    Arguments.of("MISSING_FIELD", order("o-v", " ", "EUR", ok)),
                    Arguments.of("MISSING_FIELD", order("o-v", "c-1", "", ok)),
                    Arguments.of("MISSING_FIELD", order("o-v", "c-1", "EUR", line("", 1, 100))),
                    Arguments.of("NO_ITEMS", order("o-v", "c-1", "EUR")),
                    Arguments.of("TOO_MANY_ITEMS", order("o-v", "c-1", "EUR", Stream.generate(() -> ok).limit(101)
                            .toArray(LineItem[]::new))),
                    Arguments.of("INVALID_QUANTITY", order("o-v", "c-1", "EUR", ok, line("SKU-2", 0, 100))),
                    Arguments.of("INVALID_QUANTITY", order("o-v", "c-1", "EUR", line("SKU-2", -3, 100))),
                    Arguments.of("NEGATIVE_PRICE", order("o-v", "c-1", "EUR", line("SKU-2", 1, -1))),
                    Arguments.of("UNKNOWN_CURRENCY", order("o-v", "c-1", "ZZZ", ok)),
                    Arguments.of("TOTAL_TOO_LARGE", order("o-v", "c-1", "EUR", line("SKU-1", 1001, 1000))),
                    Arguments.of("TOTAL_TOO_LARGE", order("o-v", "c-1", "EUR",
                            line("SKU-1", Integer.MAX_VALUE, Long.MAX_VALUE / 2))));
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("invalidOrders")
        void shouldRejectInvalidOrderWithItsReasonCode(final String reasonCode, final OrderPlaced invalid) {
            // Given
            saga.setStock("SKU-1", 1_000_000);
            saga.setStock("SKU-2", 1_000_000);
            saga.setFunds("c-1", "EUR", 1_000_000_000);

            // When
            saga.place(invalid);

            // Then
            assertThat(saga.statusesOf("o-v")).as("history").containsExactly(OrderStatus.PENDING, OrderStatus.REJECTED);
            assertThat(saga.last("o-v").getReasonCode()).as("reason code").isEqualTo(reasonCode);
            assertThat(saga.last("o-v").getReasonMessage()).as("reason message").isNotBlank();
            assertThat(saga.ordersHoldingAnything()).as("orders holding stock or funds").isEmpty();
            assertThat(saga.payment("o-v")).as("payment never asked").isEqualTo(PaymentPhase.NOT_REQUESTED);
        }

        @Test
        void shouldRejectOrderWithBlankIdUnderItsKey() {
            // Given
            final OrderPlaced noId = order("", "c-1", "EUR", line("SKU-1", 1, 100));

            // When
            saga.placeKeyed("o-key", noId);

            // Then
            assertThat(saga.statusesOf("o-key")).as("history under the key")
                    .containsExactly(OrderStatus.PENDING, OrderStatus.REJECTED);
            assertThat(saga.last("o-key").getReasonCode()).as("reason").isEqualTo("MISSING_FIELD");
        }

        @Test
        void shouldDeadLetterOrderWithNeitherIdNorKey() {
            // Given
            final OrderPlaced anonymous = order("", "c-1", "EUR", line("SKU-1", 1, 100));

            // When
            saga.placeKeyed(null, anonymous);

            // Then
            assertThat(saga.statuses()).as("status events").isEmpty();
            assertThat(saga.deadLetters()).as("dead letters").singleElement().satisfies(dead -> {
                assertThat(header(dead.headers(), DeadLetters.REASON)).as("reason").isEqualTo("MISSING_ORDER_ID");
                assertThat(saga.topics().orders().valueSerde().deserializer().deserialize("orders", dead.value()))
                        .as("the order, decodable").isEqualTo(anonymous);
            });
        }

        @Test
        void shouldDeadLetterRecordsNotKeyedByTheIdTheyName() {
            // Given
            saga.setStock("SKU-1", 5);
            saga.setFunds("c-1", "EUR", 100);

            // When
            saga.inventoryRecord("SKU-2", new InventoryAdjustment("SKU-1", AdjustmentKind.SET, 99L, SagaTestDriver.CREATED_AT));
            saga.accountsRecord(null, new AccountAdjustment("c-1", "EUR", AdjustmentKind.SET, 99L, SagaTestDriver.CREATED_AT));
            saga.accountsRecord("c-1", new AccountAdjustment("c-1", " ", AdjustmentKind.SET, 99L, SagaTestDriver.CREATED_AT));
            saga.cancellationRecord("o-2", new OrderCancelled("o-1", null, null, SagaTestDriver.CREATED_AT, null));

            // Then
            assertThat(saga.deadLetters()).extracting(dead -> header(dead.headers(), DeadLetters.REASON))
                    .as("dead-letter reasons")
                    .containsExactly("KEY_MISMATCH", "KEY_MISMATCH", "INVALID_ADJUSTMENT", "KEY_MISMATCH");
            assertThat(saga.deadLetters()).extracting(dead -> header(dead.headers(), DeadLetters.SOURCE_TOPIC))
                    .as("source topics")
                    .containsExactly("inventory", "accounts", "accounts", "order-cancellations");
            assertThat(saga.stock("SKU-1")).as("stock untouched").isEqualTo(5);
            assertThat(saga.funds("c-1", "EUR")).as("funds untouched").isEqualTo(100);
        }
    }

    @Nested
    class PoisonRecords {

        static Stream<Arguments> poison() {
            return Stream.of(
                    Arguments.of("INVALID_WIRE_FORMAT", "bad magic byte", new byte[] {1, 0, 0, 0, 1, 2, 3}),
                    Arguments.of("INVALID_WIRE_FORMAT", "too short", new byte[] {0, 0}),
                    Arguments.of("UNKNOWN_SCHEMA_ID", "unknown schema id", new byte[] {0, 0, 0, 0x7f, 0x7f, 2, 4}));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("poison")
        void shouldDeadLetterUndecodableOrderAndKeepGoing(final String reason, final String what, final byte[] value) {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setFunds("c-1", "EUR", 10_000);
            final byte[] key = "o-poison".getBytes(StandardCharsets.UTF_8);

            // When
            saga.placeRaw(key, value);
            saga.place(order("o-next", "c-1", "EUR", line("SKU-1", 1, 100)));

            // Then
            assertThat(saga.deadLetters()).as("dead letters").singleElement().satisfies(dead -> {
                assertThat(dead.key()).as("original key bytes").isEqualTo(key);
                assertThat(dead.value()).as("original value bytes").isEqualTo(value);
                assertThat(header(dead.headers(), DeadLetters.REASON)).as("reason").isEqualTo(reason);
                assertThat(header(dead.headers(), DeadLetters.SOURCE_TOPIC)).as("source topic").isEqualTo("orders");
                assertThat(header(dead.headers(), DeadLetters.SOURCE_PARTITION)).as("partition").isEqualTo("0");
                assertThat(header(dead.headers(), DeadLetters.SOURCE_OFFSET)).as("offset").isEqualTo("0");
                assertThat(header(dead.headers(), DeadLetters.MESSAGE)).as("message").isNotBlank();
            });
            assertThat(saga.last("o-next").getStatus()).as("the next order is still processed")
                    .isEqualTo(OrderStatus.CONFIRMED);
        }

        @Test
        void shouldDeadLetterCorruptAvroAndKeepGoing() {
            // Given
            saga.setStock("SKU-1", 10);
            saga.setFunds("c-1", "EUR", 10_000);
            final byte[] valid = saga.topics().orders().valueSerde().serializer()
                    .serialize("orders", order("o-corrupt", "c-1", "EUR", line("SKU-1", 1, 100)));
            final byte[] truncated = Arrays.copyOf(valid, 9);

            // When
            saga.placeRaw("o-corrupt".getBytes(StandardCharsets.UTF_8), truncated);
            saga.place(order("o-next", "c-1", "EUR", line("SKU-1", 1, 100)));

            // Then
            assertThat(saga.deadLetters()).as("dead letters").singleElement().satisfies(dead -> {
                assertThat(dead.value()).as("original value bytes").isEqualTo(truncated);
                assertThat(header(dead.headers(), DeadLetters.REASON)).as("reason").isEqualTo("CORRUPT_AVRO");
            });
            assertThat(saga.statusesOf("o-corrupt")).as("no status for the corrupt order").isEmpty();
            assertThat(saga.last("o-next").getStatus()).as("the next order").isEqualTo(OrderStatus.CONFIRMED);
        }
    }

    @Nested
    class Competition {

        @Test
        void shouldSellTheLastUnitToExactlyOneOrder() {
            // Given
            saga.setStock("SKU-1", 1);
            saga.setFunds("c-1", "EUR", 10_000);
            saga.setFunds("c-2", "EUR", 10_000);

            // When
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 1, 100)));
            saga.place(order("o-2", "c-2", "EUR", line("SKU-1", 1, 100)));

            // Then
            assertThat(saga.last("o-1").getStatus()).as("first order").isEqualTo(OrderStatus.CONFIRMED);
            assertThat(saga.last("o-2").getReasonCode()).as("second order").isEqualTo("OUT_OF_STOCK");
            assertThat(saga.stock("SKU-1")).as("stock").isZero();
            assertThat(saga.funds("c-2", "EUR")).as("loser not charged").isEqualTo(10_000);
        }

        @Test
        void shouldLetOnlyOneOfTwoCrossedMultiSkuOrdersWin() {
            // Given
            saga.setStock("SKU-1", 1);
            saga.setStock("SKU-2", 1);
            saga.setFunds("c-1", "EUR", 10_000);

            // When
            saga.place(order("o-a", "c-1", "EUR", line("SKU-1", 1, 100), line("SKU-2", 1, 100)));
            saga.place(order("o-b", "c-1", "EUR", line("SKU-2", 1, 100), line("SKU-1", 1, 100)));

            // Then
            assertThat(saga.last("o-a").getStatus()).as("o-a").isEqualTo(OrderStatus.CONFIRMED);
            assertThat(saga.last("o-b").getStatus()).as("o-b").isEqualTo(OrderStatus.REJECTED);
            assertThat(saga.stockLevels()).as("stock").containsEntry("SKU-1", 0L).containsEntry("SKU-2", 0L);
            assertThat(saga.funds("c-1", "EUR")).as("only the winner charged").isEqualTo(9_800);
            assertThat(saga.ordersHoldingAnything()).as("orders holding stock or funds").containsExactly("o-a");
        }

        @Test
        void shouldConfirmOrderAfterStockIsToppedUp() {
            // Given
            saga.setFunds("c-1", "EUR", 10_000);
            saga.place(order("o-early", "c-1", "EUR", line("SKU-1", 1, 100)));

            // When
            saga.adjustStock("SKU-1", 3);
            saga.place(order("o-late", "c-1", "EUR", line("SKU-1", 1, 100)));

            // Then
            assertThat(saga.last("o-early").getReasonCode()).as("order before the stock").isEqualTo("OUT_OF_STOCK");
            assertThat(saga.last("o-late").getStatus()).as("order after the stock").isEqualTo(OrderStatus.CONFIRMED);
            assertThat(saga.stock("SKU-1")).as("stock").isEqualTo(2);
        }

        @Test
        void shouldNeverTakeStockOrFundsBelowZero() {
            // Given
            saga.setStock("SKU-1", 2);
            saga.setFunds("c-1", "EUR", 150);

            // When
            saga.adjustStock("SKU-1", -5);
            saga.adjustFunds("c-1", "EUR", -1_000);
            saga.place(order("o-1", "c-1", "EUR", line("SKU-1", 1, 100)));

            // Then
            assertThat(saga.stock("SKU-1")).as("stock stops at zero").isZero();
            assertThat(saga.funds("c-1", "EUR")).as("funds stop at zero").isZero();
            assertThat(saga.last("o-1").getReasonCode()).as("order").isEqualTo("OUT_OF_STOCK");
        }
    }

    static String header(final Headers headers, final String name) {
        return DeadLetters.header(headers, name);
    }
}
