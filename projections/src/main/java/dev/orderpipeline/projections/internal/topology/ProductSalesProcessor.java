package dev.orderpipeline.projections.internal.topology;

import dev.orderpipeline.projections.avro.ProductSales;
import dev.orderpipeline.projections.internal.store.ProductSalesKeys;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the monthly-product-sales store: per month and SKU, the confirmed orders containing the SKU, its units and
 * its line revenue, net of reversals. Reads the month-keyed stream, so one month's products share its partition
 * and a top-N query scans one partition. An order with several lines of one SKU counts once for that SKU's orders.
 * Entries that fall back to zero are deleted, so reversed products drop out of the ranking.
 */
public final class ProductSalesProcessor implements Processor<String, OrderStatusChanged, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, ProductSales> store;

    private ProductSalesProcessor(final String storeName) {
        this.storeName = storeName;
    }

    /** The processor with its store, for {@code KStream#process}. */
    public static ProcessorSupplier<String, OrderStatusChanged, Void, Void> supplier(
            final String storeName, final Serde<ProductSales> serde) {
        return WithStore.supplier(storeName, serde, () -> new ProductSalesProcessor(storeName));
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, OrderStatusChanged> record) {
        final String month = record.key();
        final OrderStatusChanged change = record.value();
        final int sign = MonthlySalesAggregator.sign(change);
        final Map<String, long[]> perSku = new LinkedHashMap<>();
        for (final LineItem item : change.getItems()) {
            final long[] unitsAndRevenue = perSku.computeIfAbsent(item.getSku(), sku -> new long[2]);
            unitsAndRevenue[0] = Math.addExact(unitsAndRevenue[0], item.getQuantity());
            unitsAndRevenue[1] = Math.addExact(unitsAndRevenue[1],
                    Math.multiplyExact((long) item.getQuantity(), item.getUnitPriceMinor()));
        }
        perSku.forEach((sku, unitsAndRevenue) -> {
            final String key = ProductSalesKeys.key(month, sku);
            final ProductSales updated = add(store.get(key), month, sku, sign, unitsAndRevenue[0], unitsAndRevenue[1],
                    change.getCurrency());
            if (updated.getOrders() == 0 && updated.getUnits() == 0 && updated.getRevenueMinor().isEmpty()) {
                store.delete(key);
            } else {
                store.put(key, updated);
            }
        });
    }

    static ProductSales add(final ProductSales current, final String month, final String sku, final int sign,
                            final long units, final long revenue, final String currency) {
        final Map<String, Long> revenueMinor = current == null ? new HashMap<>() : new HashMap<>(current.getRevenueMinor());
        final long currencyRevenue = revenueMinor.merge(currency, Math.multiplyExact(sign, revenue), Math::addExact);
        if (currencyRevenue == 0) {
            revenueMinor.remove(currency);
        }
        return ProductSales.newBuilder()
                .setMonth(month)
                .setSku(sku)
                .setOrders(Math.addExact(current == null ? 0 : current.getOrders(), sign))
                .setUnits(Math.addExact(current == null ? 0 : current.getUnits(), Math.multiplyExact(sign, units)))
                .setRevenueMinor(revenueMinor)
                .build();
    }
}
