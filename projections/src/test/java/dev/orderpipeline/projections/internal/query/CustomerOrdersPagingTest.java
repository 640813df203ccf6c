package dev.orderpipeline.projections.internal.query;

import static dev.orderpipeline.projections.testing.TestOrder.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.projections.ProjectionsTopology;
import dev.orderpipeline.projections.avro.CustomerOrder;
import dev.orderpipeline.projections.internal.store.CustomerOrderKeys;
import dev.orderpipeline.projections.internal.store.CustomerOrderKeys.Cursor;
import dev.orderpipeline.projections.testing.ProjectionsDriver;
import dev.orderpipeline.projections.view.CustomerOrderView;
import dev.orderpipeline.projections.view.CustomerOrdersPage;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Paging through the customer-orders store the way the query service does, on the production topology. */
class CustomerOrdersPagingTest {

    private final ProjectionsDriver driver = ProjectionsDriver.utc();

    @AfterEach
    void close() {
        driver.close();
    }

    private CustomerOrdersPage page(final String customerId, final int limit, final String token) {
        final String from = token == null ? CustomerOrderKeys.first(customerId)
                : CustomerOrderKeys.after(customerId, Cursor.parse(token).orElseThrow());
        try (KeyValueIterator<String, CustomerOrder> entries = driver.iterator(ProjectionsTopology.CUSTOMER_ORDERS_STORE,
                from, CustomerOrderKeys.last(customerId))) {
            return CustomerOrdersQueries.page(customerId, limit, entries);
        }
    }

    @Test
    void shouldWalkEveryOrderNewestFirstExactlyOnceThroughCursors() {
        // Given: seven orders of c-1, one a day, and one of c-2
        for (int day = 1; day <= 7; day++) {
            driver.pipe(order("o-" + day).customer("c-1").createdAt("2026-03-0" + day + "T08:00:00Z").pending());
        }
        driver.pipe(order("o-x").customer("c-2").pending());
        // When
        final List<String> seen = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            final CustomerOrdersPage page = page("c-1", 3, token);
            page.orders().stream().map(CustomerOrderView::orderId).forEach(seen::add);
            sizes.add(page.orders().size());
            token = page.nextCursor();
        } while (token != null);
        // Then
        assertThat(seen).as("orders across pages").containsExactly("o-7", "o-6", "o-5", "o-4", "o-3", "o-2", "o-1");
        assertThat(sizes).as("page sizes").containsExactly(3, 3, 1);
    }

    @Test
    void shouldEndWithoutCursorWhenThePageHoldsTheLastOrder() {
        // Given
        driver.pipe(order("o-1").customer("c-1").pending(), order("o-2").customer("c-1").pending());
        // When
        final CustomerOrdersPage page = page("c-1", 2, null);
        // Then
        assertThat(page.orders()).as("orders").hasSize(2);
        assertThat(page.nextCursor()).as("cursor after the last order").isNull();
    }

    @Test
    void shouldAnswerAnEmptyPageForACustomerWithoutOrders() {
        assertThat(page("c-none", 20, null).orders()).as("orders of an unknown customer").isEmpty();
    }
}
