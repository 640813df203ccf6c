package dev.orderpipeline.projections.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.projections.internal.store.CustomerOrderKeys.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerOrderKeysTest {

    /** How RocksDB orders keys: unsigned bytes of their UTF-8 form. */
    private static final Comparator<String> STORE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldOrderACustomersKeysNewestFirstInStoreOrder() {
        // Given
        final String older = CustomerOrderKeys.key("c-ü", Instant.parse("2026-01-01T00:00:00Z"), "o-old");
        final String newer = CustomerOrderKeys.key("c-ü", Instant.parse("2026-06-01T00:00:00Z"), "o-new");
        final String sameTimeOtherId = CustomerOrderKeys.key("c-ü", Instant.parse("2026-06-01T00:00:00Z"), "o-newer");
        // When
        final List<String> sorted = List.of(older, sameTimeOtherId, newer).stream().sorted(STORE_ORDER).toList();
        // Then
        assertThat(sorted).as("store order").containsExactly(newer, sameTimeOtherId, older);
        assertThat(sorted).as("all within the customer's range").allSatisfy(key -> {
            assertThat(STORE_ORDER.compare(key, CustomerOrderKeys.first("c-ü"))).as("after first").isPositive();
            assertThat(STORE_ORDER.compare(key, CustomerOrderKeys.last("c-ü"))).as("before last").isNegative();
        });
    }

    @Test
    void shouldKeepAnotherCustomersKeysOutOfTheRangeEvenWithACommonPrefix() {
        // Given
        final String ofC10 = CustomerOrderKeys.key("c-10", Instant.parse("2026-01-01T00:00:00Z"), "o-1");
        final String ofC1Colon = CustomerOrderKeys.key("c-1:", Instant.parse("2026-01-01T00:00:00Z"), "o-1");
        // Then
        for (final String foreign : List.of(ofC10, ofC1Colon)) {
            final boolean inRange = STORE_ORDER.compare(foreign, CustomerOrderKeys.first("c-1")) >= 0
                    && STORE_ORDER.compare(foreign, CustomerOrderKeys.last("c-1")) <= 0;
            assertThat(inRange).as("%s in the range of c-1", foreign).isFalse();
        }
    }

    @Test
    void shouldStartTheNextPageRightAfterTheCursorsKey() {
        // Given
        final String key = CustomerOrderKeys.key("c-1", Instant.parse("2026-01-01T00:00:00Z"), "o-1");
        final String following = CustomerOrderKeys.key("c-1", Instant.parse("2026-01-01T00:00:00Z"), "o-10");
        // When
        final Cursor cursor = Cursor.parse(CustomerOrderKeys.cursorAt("c-1", key).token()).orElseThrow();
        final String after = CustomerOrderKeys.after("c-1", cursor);
        // Then
        assertThat(STORE_ORDER.compare(after, key)).as("next page starts after the cursor's key").isPositive();
        assertThat(STORE_ORDER.compare(after, following)).as("and not after the following key").isNegative();
    }

    @Test
    void shouldRefuseATokenItDidNotMake() {
        assertThat(Cursor.parse("not base64 !")).as("garbage").isEmpty();
        assertThat(Cursor.parse("YWJj")).as("base64 of something else").isEmpty();
    }
}
