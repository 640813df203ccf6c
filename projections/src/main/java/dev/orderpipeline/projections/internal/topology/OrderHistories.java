package dev.orderpipeline.projections.internal.topology;

import dev.orderpipeline.projections.avro.OrderHistory;
import dev.orderpipeline.projections.avro.OrderLine;
import dev.orderpipeline.projections.avro.StatusEntry;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one status change updates an order's stored history. {@code sequence} (the change's position in the order's
 * history) is the identity of a change: a sequence already stored is a replay and changes nothing; a lower sequence
 * arriving late is filed in its place without touching the latest status; only the highest sequence decides the
 * latest status.
 */
public final class OrderHistories {

    /**
     * A real order has a handful of changes (PENDING to a decision, perhaps a reversal). A history this long means a
     * runaway producer; refusing it keeps the store value, and every read of it, bounded.
     */
    static final int MAX_CHANGES = 64;

    private OrderHistories() {
    }

    /**
     * The history with the change applied, or empty if the change is a replay.
     *
     * @throws IllegalArgumentException for a change that can never be valid (negative sequence); the processing
     *                                  exception handler sends it to the dead-letter topic
     * @throws IllegalStateException    when the history is full
     */
    public static Optional<OrderHistory> apply(final OrderHistory current, final OrderStatusChanged change) {
        if (change.getSequence() < 0) {
            throw new IllegalArgumentException("Order " + change.getOrderId() + " has a change with negative sequence "
                    + change.getSequence());
        }
        if (current == null) {
            return Optional.of(latest(OrderHistory.newBuilder(), change).setHistory(List.of(entry(change))).build());
        }
        final List<StatusEntry> history = current.getHistory();
        int insertAt = history.size();
        for (int i = 0; i < history.size(); i++) {
            final int sequence = history.get(i).getSequence();
            if (sequence == change.getSequence()) {
                return Optional.empty();
            }
            if (sequence > change.getSequence()) {
                insertAt = i;
                break;
            }
        }
        if (history.size() >= MAX_CHANGES) {
            throw new IllegalStateException("Order " + change.getOrderId() + " already has " + history.size()
                    + " status changes; refusing sequence " + change.getSequence());
        }
        final List<StatusEntry> updated = new ArrayList<>(history.size() + 1);
        updated.addAll(history);
        updated.add(insertAt, entry(change));
        final boolean newest = insertAt == history.size();
        final OrderHistory.Builder builder = newest ? latest(OrderHistory.newBuilder(current), change)
                : OrderHistory.newBuilder(current);
        return Optional.of(builder.setHistory(updated).build());
    }

    private static OrderHistory.Builder latest(final OrderHistory.Builder builder, final OrderStatusChanged change) {
        final List<OrderLine> lines = new ArrayList<>(change.getItems().size());
        for (final LineItem item : change.getItems()) {
            lines.add(new OrderLine(item.getSku(), item.getQuantity(), item.getUnitPriceMinor()));
        }
        return builder
                .setOrderId(change.getOrderId())
                .setCustomerId(change.getCustomerId())
                .setStatus(change.getStatus().name())
                .setReasonCode(change.getReasonCode())
                .setReasonMessage(change.getReasonMessage())
                .setOrderCreatedAt(change.getOrderCreatedAt())
                .setUpdatedAt(change.getChangedAt())
                .setCurrency(change.getCurrency())
                .setTotalMinor(change.getTotalMinor())
                .setLines(lines);
    }

    private static StatusEntry entry(final OrderStatusChanged change) {
        return new StatusEntry(change.getSequence(), change.getStatus().name(), change.getReasonCode(),
                change.getReasonMessage(), change.getChangedAt());
    }
}
