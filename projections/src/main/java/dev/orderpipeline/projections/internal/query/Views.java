package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.projections.avro.CustomerOrder;
import dev.orderpipeline.projections.avro.MonthlySales;
import dev.orderpipeline.projections.avro.OrderHistory;
import dev.orderpipeline.projections.avro.OrderLine;
import dev.orderpipeline.projections.avro.ProductSales;
import dev.orderpipeline.projections.avro.StatusEntry;
import dev.orderpipeline.projections.view.CustomerOrderView;
import dev.orderpipeline.projections.view.MonthlySalesView;
import dev.orderpipeline.projections.view.OrderLineView;
import dev.orderpipeline.projections.view.OrderStatusView;
import dev.orderpipeline.projections.view.ProductSalesView;
import dev.orderpipeline.projections.view.StatusChangeView;
import java.util.ArrayList;
import java.util.List;

/** Turns store values into view records, so nothing above the query services sees Avro types. */
final class Views {

    private Views() {
    }

    static MonthlySalesView month(final String month, final MonthlySales sales) {
        return sales == null ? MonthlySalesView.empty(month)
                : MonthlySalesView.of(month, sales.getOrders(), sales.getUnits(), sales.getRevenueMinor(),
                        sales.getOrdersByCurrency());
    }

    static ProductSalesView product(final ProductSales sales) {
        return new ProductSalesView(sales.getSku(), sales.getOrders(), sales.getUnits(), sales.getRevenueMinor());
    }

    static OrderStatusView order(final OrderHistory order) {
        final List<OrderLineView> items = new ArrayList<>(order.getLines().size());
        for (final OrderLine line : order.getLines()) {
            items.add(new OrderLineView(line.getSku(), line.getQuantity(), line.getUnitPriceMinor()));
        }
        final List<StatusChangeView> history = new ArrayList<>(order.getHistory().size());
        for (final StatusEntry entry : order.getHistory()) {
            history.add(new StatusChangeView(entry.getSequence(), entry.getStatus(), entry.getReasonCode(),
                    entry.getReasonMessage(), entry.getChangedAt()));
        }
        return new OrderStatusView(order.getOrderId(), order.getCustomerId(), order.getStatus(),
                OrderStatusView.isTerminal(order.getStatus()), order.getReasonCode(), order.getReasonMessage(),
                order.getOrderCreatedAt(), order.getUpdatedAt(), order.getCurrency(), order.getTotalMinor(), items,
                history);
    }

    static CustomerOrderView customerOrder(final CustomerOrder order) {
        return new CustomerOrderView(order.getOrderId(), order.getStatus(), OrderStatusView.isTerminal(order.getStatus()),
                order.getOrderCreatedAt(), order.getUpdatedAt(), order.getCurrency(), order.getTotalMinor());
    }
}
