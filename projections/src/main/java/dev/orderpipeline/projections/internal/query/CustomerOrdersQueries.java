package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.projections.ProjectionsTopology;
import dev.orderpipeline.projections.avro.CustomerOrder;
import dev.orderpipeline.projections.internal.store.CustomerOrderKeys;
import dev.orderpipeline.projections.internal.store.CustomerOrderKeys.Cursor;
import dev.orderpipeline.projections.view.CustomerOrderView;
import dev.orderpipeline.projections.view.CustomerOrdersPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The customer-orders view: a customer's orders newest first, a page at a time. A page is one IQv2 range scan that
 * starts right after the cursor and stops after {@code limit + 1} entries (the extra one only tells whether there is
 * a next page), so its cost does not grow with the customer's history.
 */
public final class CustomerOrdersQueries {

    private static final String STORE = ProjectionsTopology.CUSTOMER_ORDERS_STORE;

    private final StoreRouter router;
    private final PeerClient peers;

    CustomerOrdersQueries(final StoreRouter router, final PeerClient peers) {
        this.router = router;
        this.peers = peers;
    }

    public Answer<CustomerOrdersPage> page(final String customerId, final int limit, final Optional<Cursor> cursor,
                                           final Caller caller) {
        final String from = cursor.map(c -> CustomerOrderKeys.after(customerId, c))
                .orElseGet(() -> CustomerOrderKeys.first(customerId));
        return router.route(STORE, customerId, caller,
                partition -> router.queryLocal(STORE, partition,
                        RangeQuery.<String, CustomerOrder>withRange(from, CustomerOrderKeys.last(customerId)),
                        entries -> page(customerId, limit, entries)),
                owner -> peers.get(owner, "/customers/" + PeerClient.encode(customerId) + "/orders?limit=" + limit
                        + cursor.map(c -> "&cursor=" + c.token()).orElse(""), CustomerOrdersPage.class, Duration.ZERO, caller));
    }

    static CustomerOrdersPage page(final String customerId, final int limit,
                                   final KeyValueIterator<String, CustomerOrder> entries) {
        final List<CustomerOrderView> orders = new ArrayList<>(Math.min(limit, 64));
        String lastKey = null;
        while (entries.hasNext()) {
            final KeyValue<String, CustomerOrder> entry = entries.next();
            if (orders.size() == limit) {
                return new CustomerOrdersPage(customerId, orders, CustomerOrderKeys.cursorAt(customerId, lastKey).token());
            }
            orders.add(Views.customerOrder(entry.value));
            lastKey = entry.key;
        }
        return new CustomerOrdersPage(customerId, orders, null);
    }
}
