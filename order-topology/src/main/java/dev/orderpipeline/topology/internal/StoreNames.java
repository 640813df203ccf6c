package dev.orderpipeline.topology.internal;

/**
 * Names of the saga's state stores. They are part of the deployed state: renaming one orphans its changelog topic
 * ({@code <application.id>-<name>-changelog}) and loses the state, which the golden topology test guards against.
 */
public final class StoreNames {

    /** Order id → {@code OrderSagaState}. */
    public static final String SAGA_ORDERS = "saga-orders";
    /** SKU → {@code StockLevel}. */
    public static final String STOCK_LEVELS = "stock-levels";
    /** Customer id → {@code AccountBalance}. */
    public static final String ACCOUNT_BALANCES = "account-balances";

    private StoreNames() {
    }
}
