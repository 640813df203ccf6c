package dev.orderpipeline.projections;

import static dev.orderpipeline.projections.testing.TestOrder.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.projections.avro.CustomerOrder;
import dev.orderpipeline.projections.internal.store.CustomerOrderKeys;
import dev.orderpipeline.projections.testing.ProjectionsDriver;
import dev.orderpipeline.projections.testing.TestOrder;
import dev.orderpipeline.schemas.avro.OrderStatus;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The customer-orders store (a customer's orders, newest first), fed through the production topology. */
class CustomerOrdersViewTest {

    private final ProjectionsDriver driver = ProjectionsDriver.utc();

    @AfterEach
    void close() {
        driver.close();
    }

    private List<KeyValue<String, CustomerOrder>> ordersOf(final String customerId) {
        return driver.range(ProjectionsTopology.CUSTOMER_ORDERS_STORE, CustomerOrderKeys.first(customerId),
                CustomerOrderKeys.last(customerId));
    }

    @Test
    void shouldListACustomersOrdersNewestFirstWithTheirLatestStatus() {
        // Given
        final TestOrder oldest = order("o-a").customer("c-1").createdAt("2026-01-01T00:00:00Z");
        final TestOrder newest = order("o-b").customer("c-1").createdAt("2026-03-01T00:00:00Z");
        final TestOrder middle = order("o-c").customer("c-1").createdAt("2026-02-01T00:00:00Z");
        // When
        driver.pipe(oldest.confirmedHistory());
        driver.pipe(newest.pending());
        driver.pipe(middle.pending(), middle.rejected("PAYMENT_DECLINED", "Insufficient funds"));
        // Then
        assertThat(ordersOf("c-1")).as("c-1's orders").extracting(entry -> entry.value.getOrderId() + ":" + entry.value.getStatus())
                .containsExactly("o-b:PENDING", "o-c:REJECTED", "o-a:CONFIRMED");
    }

    @Test
    void shouldKeepCustomersWhoseIdsArePrefixesOfEachOtherApart() {
        // Given
        final TestOrder ofC1 = order("o-1").customer("c-1");
        final TestOrder ofC10 = order("o-10").customer("c-10");
        final TestOrder ofC1x = order("o-11").customer("c-1:");
        // When
        driver.pipe(ofC1.pending(), ofC10.pending(), ofC1x.pending());
        // Then
        assertThat(ordersOf("c-1")).as("c-1's orders").extracting(entry -> entry.value.getOrderId()).containsExactly("o-1");
        assertThat(ordersOf("c-10")).as("c-10's orders").extracting(entry -> entry.value.getOrderId()).containsExactly("o-10");
        assertThat(ordersOf("c-1:")).as("c-1:'s orders").extracting(entry -> entry.value.getOrderId()).containsExactly("o-11");
    }

    @Test
    void shouldNotLetALateOlderChangeOverwriteTheStatus() {
        // Given
        final TestOrder order = order("o-1").customer("c-1");
        driver.pipe(order.pending(), order.change(2, OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.STOCK_RESERVED));
        // When
        driver.pipe(order.change(1, OrderStatus.STOCK_RESERVED, OrderStatus.PENDING));
        // Then
        assertThat(ordersOf("c-1")).as("c-1's orders").singleElement()
                .satisfies(entry -> assertThat(entry.value.getStatus()).as("status").isEqualTo("PAYMENT_AUTHORIZED"));
    }
}
