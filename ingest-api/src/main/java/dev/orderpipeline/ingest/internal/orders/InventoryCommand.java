package dev.orderpipeline.ingest.internal.orders;

import dev.orderpipeline.schemas.avro.AdjustmentKind;

/**
 * A valid stock change for one SKU: {@code SET} to an absolute level, or {@code ADJUST} by a delta.
 *
 * @param sku      the product
 * @param kind     SET or ADJUST
 * @param quantity new level (SET, at least 0) or non-zero delta (ADJUST)
 */
public record InventoryCommand(String sku, AdjustmentKind kind, long quantity) {
}
