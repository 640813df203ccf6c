package dev.orderpipeline.projections.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesViewsTest {

    @Test
    void shouldRoundTheAverageOrderValueDownToAWholeMinorUnitPerCurrency() {
        // When
        final MonthlySalesView month = MonthlySalesView.of("2026-11", 5, 9, Map.of("EUR", 1000L, "USD", 999L),
                Map.of("EUR", 3L, "USD", 2L));
        // Then
        assertThat(month.averageOrderValueMinor()).as("averages")
                .isEqualTo(Map.of("EUR", 333L, "USD", 499L));
    }

    @Test
    void shouldGiveNoAverageForACurrencyWithoutOrders() {
        assertThat(MonthlySalesView.empty("2026-11").averageOrderValueMinor()).as("averages of an empty month").isEmpty();
    }

    @Test
    void shouldSumMonthsExactlyAndAverageOverTheWholeRange() {
        // Given
        final List<MonthlySalesView> months = List.of(
                MonthlySalesView.of("2026-10", 1, 2, Map.of("EUR", 100L), Map.of("EUR", 1L)),
                MonthlySalesView.of("2026-11", 2, 3, Map.of("EUR", 201L, "USD", 5L), Map.of("EUR", 1L, "USD", 1L)));
        // When
        final SalesTotal total = SalesTotal.of(months);
        // Then
        assertThat(total.orders()).as("orders").isEqualTo(3);
        assertThat(total.units()).as("units").isEqualTo(5);
        assertThat(total.revenueMinor()).as("revenue").isEqualTo(Map.of("EUR", 301L, "USD", 5L));
        assertThat(total.averageOrderValueMinor()).as("averages").isEqualTo(Map.of("EUR", 150L, "USD", 5L));
    }
}
