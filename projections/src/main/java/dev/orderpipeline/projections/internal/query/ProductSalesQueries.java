package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.projections.ProjectionsTopology;
import dev.orderpipeline.projections.avro.ProductSales;
import dev.orderpipeline.projections.internal.store.ProductSalesKeys;
import dev.orderpipeline.projections.view.ProductSalesView;
import dev.orderpipeline.projections.view.TopProductsView;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Iterator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The top products of a month: one IQv2 range scan over the month's SKUs in the partition that owns the month (on
 * whichever instance that is), ranked by {@link TopProducts}.
 */
public final class ProductSalesQueries {

    private static final String STORE = ProjectionsTopology.PRODUCT_SALES_STORE;

    private final StoreRouter router;
    private final PeerClient peers;

    ProductSalesQueries(final StoreRouter router, final PeerClient peers) {
        this.router = router;
        this.peers = peers;
    }

    public Answer<TopProductsView> top(final YearMonth month, final int top, final Caller caller) {
        final String key = month.toString();
        return router.route(STORE, key, caller,
                partition -> router.queryLocal(STORE, partition,
                        RangeQuery.<String, ProductSales>withRange(ProductSalesKeys.first(key), ProductSalesKeys.last(key)),
                        entries -> new TopProductsView(key, top, TopProducts.select(views(entries), top))),
                owner -> peers.get(owner, "/sales/monthly/" + key + "/products?top=" + top, TopProductsView.class,
                        Duration.ZERO, caller));
    }

    private static Iterator<ProductSalesView> views(final KeyValueIterator<String, ProductSales> entries) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public ProductSalesView next() {
                final KeyValue<String, ProductSales> entry = entries.next();
                return Views.product(entry.value);
            }
        };
    }
}
