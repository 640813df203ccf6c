package dev.orderpipeline.projections.view;

import java.util.List;

/**
 * What {@code GET /sales/monthly/{month}/products?top=N} answers: at most {@code top} products of the month, best
 * first. Ranked by units sold, then by orders, then by SKU — units, not revenue, because revenue in different
 * currencies cannot be compared without exchange rates, which a sales projection must not invent.
 */
public record TopProductsView(String month, int top, List<ProductSalesView> products) {

    public TopProductsView {
        products = List.copyOf(products);
    }
}
