package dev.orderpipeline.topology.internal.stock;

/**
 * Key of the {@code stock-holds} store: SKU and order id, length-prefixed so that no two pairs share a key whatever
 * characters the ids contain ({@code 5:SKU-1/o-42}).
 */
public final class HoldKey {

    private HoldKey() {
    }

    public static String of(final String sku, final String orderId) {
        return sku.length() + ":" + sku + "/" + orderId;
    }
}
