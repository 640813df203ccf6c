package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.projections.ProjectionsConfig.QuerySettings;
import dev.orderpipeline.projections.ProjectionsTopology;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/** The query services of one instance and the plumbing they share (router, peer client, lag snapshots). */
public final class QueryServices implements AutoCloseable {

    private final StandbyLags lags;
    private final PeerClient peers;
    private final OrderWaiters waiters;
    private final MonthlySalesQueries monthlySales;
    private final ProductSalesQueries productSales;
    private final OrderStatusQueries orderStatus;
    private final CustomerOrdersQueries customerOrders;
    private final StoreReadiness readiness;

    /**
     * @param self the {@code application.server} of this instance, as other instances see it
     */
    public QueryServices(final KafkaStreams streams, final HostInfo self, final QuerySettings settings,
                         final OrderWaiters waiters, final ProjectionsMeters meters) {
        this.lags = new StandbyLags(streams);
        this.peers = new PeerClient(settings, self.host() + ":" + self.port(), meters);
        this.waiters = waiters;
        final StoreRouter router = new StoreRouter(streams, self, lags, settings, meters);
        this.monthlySales = new MonthlySalesQueries(router, peers);
        this.productSales = new ProductSalesQueries(router, peers);
        this.orderStatus = new OrderStatusQueries(router, peers, waiters);
        this.customerOrders = new CustomerOrdersQueries(router, peers);
        this.readiness = new StoreReadiness(streams, List.of(ProjectionsTopology.ORDER_STATUS_STORE,
                ProjectionsTopology.MONTHLY_SALES_STORE, ProjectionsTopology.PRODUCT_SALES_STORE,
                ProjectionsTopology.CUSTOMER_ORDERS_STORE));
    }

    public MonthlySalesQueries monthlySales() {
        return monthlySales;
    }

    public ProductSalesQueries productSales() {
        return productSales;
    }

    public OrderStatusQueries orderStatus() {
        return orderStatus;
    }

    public CustomerOrdersQueries customerOrders() {
        return customerOrders;
    }

    public StoreReadiness readiness() {
        return readiness;
    }

    /**
     * Streams changed state: ownership may have moved, so waiting long-polls look again, and lags are refreshed
     * ahead of the standby reads a rebalance brings.
     */
    public void stateChanged(final KafkaStreams.State state) {
        waiters.wakeAll();
        if (state.isRunningOrRebalancing()) {
            lags.refreshSoon();
        }
    }

    @Override
    public void close() {
        waiters.wakeAll();
        peers.close();
        lags.close();
    }
}
