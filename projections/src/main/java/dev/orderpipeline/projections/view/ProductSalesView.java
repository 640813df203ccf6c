package dev.orderpipeline.projections.view;

import java.util.Map;

/**
 * One product's sales in a month: confirmed orders containing the SKU, units of it, and the revenue of its lines
 * (quantity x unit price) per currency in minor units; all net of reversals.
 */
public record ProductSalesView(String sku, long orders, long units, Map<String, Long> revenueMinor) {

    public ProductSalesView {
        revenueMinor = Money.sorted(revenueMinor);
    }
}
