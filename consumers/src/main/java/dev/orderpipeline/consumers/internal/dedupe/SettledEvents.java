package dev.orderpipeline.consumers.internal.dedupe;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Event ids whose delivery is settled, per source partition, remembered for the dedupe window. Entries are kept
 * in arrival order (which is time order: they come from the log or from just now), so forgetting expired ones only
 * looks at the head. Not thread-safe: owned by the poll thread.
 */
public final class SettledEvents {

    private final long retentionMs;
    private final Map<Integer, LinkedHashMap<String, Long>> byPartition = new HashMap<>();

    public SettledEvents(final Duration retention) {
        this.retentionMs = retention.toMillis();
    }

    /** Whether the partition's state is in memory. */
    public boolean isLoaded(final int partition) {
        return byPartition.containsKey(partition);
    }

    /** Partitions whose state is in memory. */
    public Set<Integer> loadedPartitions() {
        return Set.copyOf(byPartition.keySet());
    }

    /** Starts an empty state for a partition, to be filled from the topic. */
    public void startLoading(final int partition) {
        byPartition.put(partition, new LinkedHashMap<>());
    }

    /**
     * Whether the event id is settled. Asking about a partition that is not loaded is a bug: an empty answer would
     * silently send duplicates.
     */
    public boolean contains(final int partition, final String eventId) {
        final Map<String, Long> settled = byPartition.get(partition);
        if (settled == null) {
            throw new IllegalStateException("Dedupe state of partition " + partition + " is not loaded");
        }
        return settled.containsKey(eventId);
    }

    /** Remembers a settled event id; ignored for partitions that are not (or no longer) loaded. */
    public void add(final int partition, final String eventId, final long settledAtMs) {
        final LinkedHashMap<String, Long> settled = byPartition.get(partition);
        if (settled != null) {
            settled.putIfAbsent(eventId, settledAtMs);
        }
    }

    /** Forgets a partition, e.g. after it moved to another instance (which then owns its state). */
    public void drop(final int partition) {
        byPartition.remove(partition);
    }

    /** Forgets entries older than the dedupe window; the topic's retention removes them there. */
    public void expire(final long nowMs) {
        final long cutoff = nowMs - retentionMs;
        for (final LinkedHashMap<String, Long> settled : byPartition.values()) {
            final Iterator<Long> times = settled.values().iterator();
            while (times.hasNext() && times.next() < cutoff) {
                times.remove();
            }
        }
    }

    /** Remembered event ids over all partitions. */
    public int size() {
        return byPartition.values().stream().mapToInt(Map::size).sum();
    }
}
