package dev.orderpipeline.ingest.internal.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.platform.http.Problem.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderValidatorTest {

    private final OrderValidator validator = new OrderValidator(1_000_000);

    private static OrderRequest order(final List<OrderRequest.Item> items) {
        return new OrderRequest("c-1", "EUR", items, null);
    }

    private static OrderRequest.Item item(final String sku, final long quantity, final long price) {
        return new OrderRequest.Item(sku, quantity, price);
    }

    private static List<String> pointers(final List<FieldError> errors) {
        return errors.stream().map(FieldError::pointer).toList();
    }

    @Test
    void shouldAcceptAValidOrder() {
        // Given
        final OrderRequest request = new OrderRequest("c-1", "EUR", List.of(item("SKU-1", 2, 1250)), "po:2026-11-7");
        // When / Then
        assertThat(validator.validate(request)).as("errors of a valid order").isEmpty();
    }

    @Test
    void shouldNameEveryMissingField() {
        // Given
        final OrderRequest request = new OrderRequest(null, null, null, null);
        // When
        final List<FieldError> errors = validator.validate(request);
        // Then
        assertThat(pointers(errors)).as("pointers").containsExactlyInAnyOrder("/customerId", "/currency", "/items");
        assertThat(errors).extracting(FieldError::message).containsOnly("is required");
    }

    @Test
    void shouldRejectACurrencyOutsideIso4217() {
        final OrderRequest lowercase = new OrderRequest("c-1", "eur", List.of(item("SKU-1", 1, 1)), null);
        final OrderRequest invented = new OrderRequest("c-1", "XXQ", List.of(item("SKU-1", 1, 1)), null);
        assertThat(pointers(validator.validate(lowercase))).containsExactly("/currency");
        assertThat(pointers(validator.validate(invented))).containsExactly("/currency");
    }

    @Test
    void shouldPointAtTheBadLineItemFields() {
        // Given: quantity out of range, negative price, bad SKU in the second item
        final OrderRequest request = order(List.of(item("SKU-1", 1, 100), item("bad sku!", 0, -5)));
        // When
        final List<FieldError> errors = validator.validate(request);
        // Then
        assertThat(pointers(errors)).as("pointers")
                .containsExactlyInAnyOrder("/items/1/sku", "/items/1/quantity", "/items/1/unitPriceMinor");
    }

    @Test
    void shouldAcceptTheQuantityBoundsAndRejectBeyondThem() {
        assertThat(validator.validate(order(List.of(item("SKU-1", 1, 0), item("SKU-2", OrderValidator.MAX_QUANTITY, 0)))))
                .as("1 and 10,000").isEmpty();
        assertThat(pointers(validator.validate(order(List.of(item("SKU-1", OrderValidator.MAX_QUANTITY + 1, 0))))))
                .containsExactly("/items/0/quantity");
        assertThat(pointers(validator.validate(order(List.of(item("SKU-1", 0, 0)))))).containsExactly("/items/0/quantity");
    }

    @Test
    void shouldAcceptAFreeItemButNotANegativePrice() {
        assertThat(validator.validate(order(List.of(item("SKU-1", 1, 0))))).isEmpty();
        assertThat(pointers(validator.validate(order(List.of(item("SKU-1", 1, -1)))))).containsExactly("/items/0/unitPriceMinor");
    }

    @Test
    void shouldRejectEmptyAndOversizedItemLists() {
        assertThat(pointers(validator.validate(order(List.of())))).containsExactly("/items");
        final List<OrderRequest.Item> many = new ArrayList<>(Collections.nCopies(OrderValidator.MAX_ITEMS + 1, item("SKU-1", 1, 1)));
        assertThat(pointers(validator.validate(order(many)))).containsExactly("/items");
        assertThat(validator.validate(order(many.subList(0, OrderValidator.MAX_ITEMS)))).as("100 items").isEmpty();
    }

    @Test
    void shouldRejectIdsOutsideThePattern() {
        final OrderRequest request = new OrderRequest("-c1", "EUR", List.of(item("S".repeat(65), 1, 1)), "has space");
        assertThat(pointers(validator.validate(request))).containsExactlyInAnyOrder("/customerId", "/items/0/sku", "/clientOrderId");
    }

    @Test
    void shouldRejectATotalAboveTheLimitWithoutOverflowing() {
        // Given: a total that overflows a long
        final OrderRequest request = order(List.of(item("SKU-1", 10_000, Long.MAX_VALUE / 2)));
        // When
        final List<FieldError> errors = validator.validate(request);
        // Then
        assertThat(errors).as("errors").singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/items");
            assertThat(e.message()).contains("exceeds the limit of 1000000");
        });
    }

    @Test
    void shouldAcceptATotalExactlyAtTheLimit() {
        assertThat(validator.validate(order(List.of(item("SKU-1", 1000, 1000))))).isEmpty();
        assertThat(validator.validate(order(List.of(item("SKU-1", 1000, 1000), item("SKU-2", 1, 1))))).hasSize(1);
    }
}
