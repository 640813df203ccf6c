package dev.orderpipeline.projections.view;

/** One line of an order. */
public record OrderLineView(String sku, int quantity, long unitPriceMinor) {
}
