package dev.orderpipeline.projections.view;

import java.time.Instant;

/** One step of an order's history. */
public record StatusChangeView(int sequence, String status, String reasonCode, String reasonMessage,
                               Instant changedAt) {
}
