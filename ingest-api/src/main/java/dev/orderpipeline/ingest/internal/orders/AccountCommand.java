package dev.orderpipeline.ingest.internal.orders;

import dev.orderpipeline.schemas.avro.AdjustmentKind;

/**
 * A valid change of a customer's funds in one currency: {@code SET} to an absolute amount, or {@code ADJUST} by a
 * delta, in minor units.
 *
 * @param customerId  the customer
 * @param currency    ISO-4217 code
 * @param kind        SET or ADJUST
 * @param amountMinor new amount (SET, at least 0) or non-zero delta (ADJUST)
 */
public record AccountCommand(String customerId, String currency, AdjustmentKind kind, long amountMinor) {
}
