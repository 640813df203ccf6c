package dev.orderpipeline.projections.internal.store;

/**
 * Keys of the monthly-product-sales store: {@code <yyyy-MM>|<sku>}. The month never contains {@code |}, so the SKUs
 * of one month are exactly the keys from {@code <month>|} to {@code <month>}} ({@code '}'} follows {@code '|'}).
 * Records stay partitioned by month, so one month's products live in one partition.
 */
public final class ProductSalesKeys {

    private static final char SEPARATOR = '|';
    private static final char AFTER_SEPARATOR = '}';

    private ProductSalesKeys() {
    }

    public static String key(final String month, final String sku) {
        return month + SEPARATOR + sku;
    }

    /** Lowest key of a month (inclusive). */
    public static String first(final String month) {
        return month + SEPARATOR;
    }

    /** A bound above every key of a month and below every key of the next one (inclusive, never a real key). */
    public static String last(final String month) {
        return month + AFTER_SEPARATOR;
    }
}
