package dev.orderpipeline.schemas.testing;

import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.time.Instant;
import java.util.List;

/**
 * One valid sample of every contract, with fixed values so that failures are reproducible. Timestamps are whole
 * milliseconds because {@code timestamp-millis} keeps nothing finer.
 */
public final class SampleRecords {

    /** 2024-03-01T12:00:00Z. */
    public static final Instant CREATED_AT = Instant.parse("2024-03-01T12:00:00Z");

    private SampleRecords() {
    }

    public static LineItem lineItem(final String sku, final int quantity, final long unitPriceMinor) {
        return LineItem.newBuilder().setSku(sku).setQuantity(quantity).setUnitPriceMinor(unitPriceMinor).build();
    }

    public static OrderPlaced orderPlaced() {
        return OrderPlaced.newBuilder()
                .setOrderId("o-1")
                .setCustomerId("c-42")
                .setItems(List.of(lineItem("SKU-1", 2, 1250), lineItem("SKU-2", 1, 99)))
                .setCurrency("EUR")
                .setCreatedAt(CREATED_AT)
                .setSource(OrderSource.HTTP)
                .setClientOrderId(null)
                .build();
    }

    public static OrderStatusChanged orderStatusChanged() {
        return OrderStatusChanged.newBuilder()
                .setOrderId("o-1")
                .setCustomerId("c-42")
                .setStatus(OrderStatus.CONFIRMED)
                .setPreviousStatus(OrderStatus.PAYMENT_AUTHORIZED)
                .setSequence(3)
                .setReasonCode(null)
                .setReasonMessage(null)
                .setChangedAt(CREATED_AT.plusSeconds(5))
                .setOrderCreatedAt(CREATED_AT)
                .setCurrency("EUR")
                .setTotalMinor(2599)
                .setItems(List.of(lineItem("SKU-1", 2, 1250), lineItem("SKU-2", 1, 99)))
                .build();
    }

    public static OrderCancelled orderCancelled() {
        return OrderCancelled.newBuilder()
                .setOrderId("o-1")
                .setRequestedBy("support-agent-7")
                .setReason("customer changed their mind")
                .setRequestedAt(CREATED_AT.plusSeconds(60))
                .build();
    }

    public static NotificationRequested notificationRequested() {
        return NotificationRequested.newBuilder()
                .setEventId("n-1")
                .setOrderId("o-1")
                .setCustomerId("c-42")
                .setKind(NotificationKind.ORDER_REJECTED)
                .setReasonCode("OUT_OF_STOCK")
                .setReasonMessage("SKU-2 is out of stock")
                .setCurrency("EUR")
                .setTotalMinor(2599)
                .setRequestedAt(CREATED_AT.plusSeconds(6))
                .build();
    }

    public static InventoryAdjustment inventoryAdjustment() {
        return InventoryAdjustment.newBuilder()
                .setSku("SKU-1")
                .setKind(AdjustmentKind.ADJUST)
                .setQuantity(-5)
                .setAdjustedAt(CREATED_AT)
                .build();
    }

    public static AccountAdjustment accountAdjustment() {
        return AccountAdjustment.newBuilder()
                .setCustomerId("c-42")
                .setCurrency("EUR")
                .setKind(AdjustmentKind.SET)
                .setAmountMinor(100_000)
                .setAdjustedAt(CREATED_AT)
                .build();
    }
}
