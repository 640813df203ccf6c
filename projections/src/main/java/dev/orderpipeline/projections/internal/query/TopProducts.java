package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.projections.view.ProductSalesView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Picks the best {@code n} products of a month in one pass over its entries, keeping only {@code n} in memory (a
 * min-heap): a month may hold many thousands of SKUs, a top list a few. Best means most units, then most orders,
 * then the smaller SKU, so the order is total and every instance ranks alike.
 */
final class TopProducts {

    static final Comparator<ProductSalesView> BEST_FIRST = Comparator
            .comparingLong(ProductSalesView::units).reversed()
            .thenComparing(Comparator.comparingLong(ProductSalesView::orders).reversed())
            .thenComparing(ProductSalesView::sku);

    private TopProducts() {
    }

    static List<ProductSalesView> select(final Iterator<ProductSalesView> products, final int n) {
        final PriorityQueue<ProductSalesView> best = new PriorityQueue<>(n + 1, BEST_FIRST.reversed());
        while (products.hasNext()) {
            best.add(products.next());
            if (best.size() > n) {
                best.poll();
            }
        }
        final List<ProductSalesView> ranked = new ArrayList<>(best);
        ranked.sort(BEST_FIRST);
        return ranked;
    }
}
