package dev.orderpipeline.projections;

import static dev.orderpipeline.projections.testing.TestOrder.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.projections.avro.MonthlySales;
import dev.orderpipeline.projections.avro.ProductSales;
import dev.orderpipeline.projections.internal.store.ProductSalesKeys;
import dev.orderpipeline.projections.testing.ProjectionsDriver;
import dev.orderpipeline.projections.testing.TestOrder;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monthly-sales and monthly-product-sales stores, fed through the production topology. */
class MonthlySalesViewTest {

    private ProjectionsDriver driver = ProjectionsDriver.utc();

    @AfterEach
    void close() {
        driver.close();
    }

    private MonthlySales month(final String month) {
        return driver.get(ProjectionsTopology.MONTHLY_SALES_STORE, month);
    }

    private ProductSales product(final String month, final String sku) {
        return driver.get(ProjectionsTopology.PRODUCT_SALES_STORE, ProductSalesKeys.key(month, sku));
    }

    @Test
    void shouldCountConfirmedOrdersPerMonthAndCurrency() {
        // Given
        final TestOrder first = order("o-1").createdAt("2026-11-05T10:00:00Z").line("SKU-1", 2, 1250);
        final TestOrder second = order("o-2").createdAt("2026-11-20T10:00:00Z").line("SKU-2", 3, 100);
        final TestOrder third = order("o-3").createdAt("2026-11-21T10:00:00Z").currency("USD").line("SKU-1", 1, 999);
        // When
        driver.pipe(first.confirmedHistory());
        driver.pipe(second.confirmedHistory());
        driver.pipe(third.confirmedHistory());
        // Then
        final MonthlySales november = month("2026-11");
        assertThat(november.getOrders()).as("orders").isEqualTo(3);
        assertThat(november.getUnits()).as("units").isEqualTo(6);
        assertThat(november.getRevenueMinor()).as("revenue per currency")
                .containsExactlyInAnyOrderEntriesOf(Map.of("EUR", 2800L, "USD", 999L));
        assertThat(november.getOrdersByCurrency()).as("orders per currency, the divisor of the average")
                .containsExactlyInAnyOrderEntriesOf(Map.of("EUR", 2L, "USD", 1L));
    }

    @Test
    void shouldIgnoreStatusesThatDoNotMoveMoney() {
        // Given
        final TestOrder inFlight = order("o-1");
        final TestOrder rejected = order("o-2");
        final TestOrder cancelledEarly = order("o-3");
        // When
        driver.pipe(inFlight.pending(), inFlight.change(1, OrderStatus.STOCK_RESERVED, OrderStatus.PENDING));
        driver.pipe(rejected.pending(), rejected.rejected("OUT_OF_STOCK", "SKU-1 is short"));
        driver.pipe(cancelledEarly.pending(), cancelledEarly.change(1, OrderStatus.CANCELLED, OrderStatus.PENDING));
        // Then
        assertThat(month("2026-11")).as("a month with no confirmed order").isNull();
        assertThat(product("2026-11", "SKU-1")).as("a product with no confirmed order").isNull();
    }

    @Test
    void shouldSubtractAReversalOfAConfirmedOrder() {
        // Given
        final TestOrder reversedLater = order("o-1").line("SKU-1", 2, 1250);
        final TestOrder kept = order("o-2").createdAt("2026-11-06T10:00:00Z").line("SKU-2", 1, 500);
        driver.pipe(reversedLater.confirmedHistory());
        driver.pipe(kept.confirmedHistory());
        // When
        driver.pipe(reversedLater.reversed());
        // Then
        final MonthlySales november = month("2026-11");
        assertThat(november.getOrders()).as("orders").isEqualTo(1);
        assertThat(november.getUnits()).as("units").isEqualTo(1);
        assertThat(november.getRevenueMinor()).as("revenue").containsExactlyEntriesOf(Map.of("EUR", 500L));
        assertThat(november.getOrdersByCurrency()).as("orders per currency").containsExactlyEntriesOf(Map.of("EUR", 1L));
    }

    @Test
    void shouldSubtractAReversalFromTheCreationMonthEvenWhenCancelledMonthsLater() {
        // Given: created and confirmed in November
        final TestOrder order = order("o-1").createdAt("2026-11-30T12:00:00Z").line("SKU-1", 1, 700);
        driver.pipe(order.confirmedHistory());
        // When: the reversal happens in January
        driver.pipe(OrderStatusChanged.newBuilder(order.reversed())
                .setChangedAt(Instant.parse("2027-01-15T09:00:00Z")).build());
        // Then
        assertThat(month("2026-11").getOrders()).as("November after the reversal").isZero();
        assertThat(month("2026-11").getRevenueMinor()).as("November revenue after the reversal").isEmpty();
        assertThat(month("2027-01")).as("January, when the cancellation happened").isNull();
    }

    @Test
    void shouldPutAnOrderInTheMonthOfTheConfiguredZoneEastOfUtc() {
        // Given: 23:30 UTC on 30 November is already 1 December in Berlin
        driver.close();
        driver = new ProjectionsDriver(ZoneId.of("Europe/Berlin"));
        final TestOrder order = order("o-1").createdAt("2026-11-30T23:30:00Z").line("SKU-1", 1, 100);
        // When
        driver.pipe(order.confirmedHistory());
        // Then
        assertThat(month("2026-11")).as("November in Berlin").isNull();
        assertThat(month("2026-12").getOrders()).as("December in Berlin").isEqualTo(1);
        assertThat(product("2026-12", "SKU-1")).as("the product in December in Berlin").isNotNull();
    }

    @Test
    void shouldPutAnOrderInTheMonthOfTheConfiguredZoneWestOfUtc() {
        // Given: 03:00 UTC on 1 January 2027 is still New Year's Eve 2026 in New York
        driver.close();
        driver = new ProjectionsDriver(ZoneId.of("America/New_York"));
        final TestOrder order = order("o-1").createdAt("2027-01-01T03:00:00Z").line("SKU-1", 1, 100);
        // When
        driver.pipe(order.confirmedHistory());
        // Then
        assertThat(month("2026-12").getOrders()).as("December in New York").isEqualTo(1);
        assertThat(month("2027-01")).as("January in New York").isNull();
    }

    @Test
    void shouldPutAnOrderAtUtcMidnightInTheNewMonthByDefault() {
        // Given
        final TestOrder lastMoment = order("o-1").createdAt("2026-11-30T23:59:59.999Z");
        final TestOrder firstMoment = order("o-2").createdAt("2026-12-01T00:00:00Z");
        // When
        driver.pipe(lastMoment.confirmedHistory());
        driver.pipe(firstMoment.confirmedHistory());
        // Then
        assertThat(month("2026-11").getOrders()).as("November, UTC").isEqualTo(1);
        assertThat(month("2026-12").getOrders()).as("December, UTC").isEqualTo(1);
    }

    @Test
    void shouldCountAReplayedConfirmationOnce() {
        // Given
        final TestOrder order = order("o-1").line("SKU-1", 2, 1250);
        driver.pipe(order.confirmedHistory());
        // When: the whole history arrives again
        driver.pipe(order.confirmedHistory());
        // Then
        assertThat(month("2026-11").getOrders()).as("orders after a replay").isEqualTo(1);
        assertThat(month("2026-11").getRevenueMinor()).as("revenue after a replay").containsExactlyEntriesOf(Map.of("EUR", 2500L));
        assertThat(product("2026-11", "SKU-1").getUnits()).as("product units after a replay").isEqualTo(2);
    }

    @Test
    void shouldSumEachProductOfAMonthCountingAnOrderOncePerSku() {
        // Given
        final TestOrder twoLinesOfOneSku = order("o-1").line("SKU-1", 2, 1000).line("SKU-1", 1, 900).line("SKU-2", 1, 50);
        final TestOrder another = order("o-2").currency("USD").line("SKU-1", 4, 10);
        // When
        driver.pipe(twoLinesOfOneSku.confirmedHistory());
        driver.pipe(another.confirmedHistory());
        // Then
        final ProductSales sku1 = product("2026-11", "SKU-1");
        assertThat(sku1.getOrders()).as("orders containing SKU-1").isEqualTo(2);
        assertThat(sku1.getUnits()).as("units of SKU-1").isEqualTo(7);
        assertThat(sku1.getRevenueMinor()).as("line revenue of SKU-1")
                .containsExactlyInAnyOrderEntriesOf(Map.of("EUR", 2900L, "USD", 40L));
        final List<KeyValue<String, ProductSales>> november = driver.range(ProjectionsTopology.PRODUCT_SALES_STORE,
                ProductSalesKeys.first("2026-11"), ProductSalesKeys.last("2026-11"));
        assertThat(november).as("products of November").extracting(entry -> entry.value.getSku())
                .containsExactly("SKU-1", "SKU-2");
    }

    @Test
    void shouldDropAProductWhenItsOnlyOrderIsReversed() {
        // Given
        final TestOrder order = order("o-1").line("SKU-9", 3, 100);
        driver.pipe(order.confirmedHistory());
        // When
        driver.pipe(order.reversed());
        // Then
        assertThat(product("2026-11", "SKU-9")).as("a product whose only order was reversed").isNull();
    }
}
