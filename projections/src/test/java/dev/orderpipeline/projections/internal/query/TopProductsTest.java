package dev.orderpipeline.projections.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.projections.view.ProductSalesView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopProductsTest {

    private static ProductSalesView product(final String sku, final long orders, final long units) {
        return new ProductSalesView(sku, orders, units, Map.of("EUR", units * 100));
    }

    @Test
    void shouldRankByUnitsThenOrdersThenSkuAndKeepOnlyTheBest() {
        // Given
        final List<ProductSalesView> products = List.of(product("SKU-5", 1, 3), product("SKU-1", 1, 10),
                product("SKU-3", 2, 3), product("SKU-2", 2, 3), product("SKU-4", 9, 1));
        // When
        final List<ProductSalesView> top = TopProducts.select(products.iterator(), 3);
        // Then
        assertThat(top).as("top 3").extracting(ProductSalesView::sku).containsExactly("SKU-1", "SKU-2", "SKU-3");
    }

    @Test
    void shouldReturnAllWhenThereAreFewerThanN() {
        assertThat(TopProducts.select(List.of(product("SKU-1", 1, 1)).iterator(), 10)).as("top 10 of one")
                .extracting(ProductSalesView::sku).containsExactly("SKU-1");
    }
}
