package dev.orderpipeline.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void shouldStopAtZeroInsteadOfGoingNegative() {
        // Given
        final long available = 5;

        // When
        final long after = Quantities.adjust(available, -8);

        // Then
        assertThat(after).as("5 - 8 stops at zero").isZero();
        assertThat(Quantities.set(-3)).as("a negative level is zero").isZero();
    }

    @Test
    void shouldSaturateInsteadOfOverflowing() {
        // Given
        final long huge = Long.MAX_VALUE - 1;

        // When
        final long after = Quantities.adjust(huge, 10);

        // Then
        assertThat(after).as("overflow saturates").isEqualTo(Long.MAX_VALUE);
        assertThat(Quantities.adjust(0, Long.MIN_VALUE)).as("underflow stops at zero").isZero();
        assertThat(Quantities.adjust(7, 3)).as("plain addition").isEqualTo(10);
    }

    @Test
    void shouldAcceptOnlyEqualPartitionCounts() {
        // Given
        final Map<String, Integer> equal = Map.of("orders", 6, "inventory", 6);
        final Map<String, Integer> unequal = Map.of("orders", 6, "inventory", 3);

        // When
        final var fine = PartitionLayout.problem(equal);
        final var broken = PartitionLayout.problem(unequal);

        // Then
        assertThat(fine).as("equal counts").isEmpty();
        assertThat(broken).as("unequal counts").hasValueSatisfying(message ->
                assertThat(message).as("message").contains("orders=6", "inventory=3"));
    }
}
