package dev.orderpipeline.consumers.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Partitions held back until a time: a retry tier whose head record is not due yet, or any partition while the
 * registry or the broker is failing. Holding means seeking back to the first unprocessed record and pausing the
 * partition, so the consumer keeps polling (and stays in the group) without fetching it; the loop resumes it when
 * due and sizes its poll timeout so that it wakes up in time. Owned by the poll thread.
 */
final class PartitionPauses {

    private final Map<TopicPartition, Instant> until = new HashMap<>();

    void hold(final Consumer<?, ?> consumer, final TopicPartition partition, final long offset, final Instant resumeAt) {
        if (!consumer.assignment().contains(partition)) {
            return; // Revoked meanwhile (a commit failed on a rebalance): the new owner starts from the committed offset.
        }
        consumer.seek(partition, offset);
        consumer.pause(Set.of(partition));
        until.put(partition, resumeAt);
    }

    void resumeDue(final Consumer<?, ?> consumer, final Instant now) {
        final List<TopicPartition> due = until.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .map(Map.Entry::getKey)
                .toList();
        if (!due.isEmpty()) {
            due.forEach(until::remove);
            final Set<TopicPartition> assigned = consumer.assignment();
            consumer.resume(due.stream().filter(assigned::contains).toList());
        }
    }

    /** How long the next poll may block: at most {@code max}, less when a held partition is due sooner. */
    Duration pollTimeout(final Instant now, final Duration max) {
        return until.values().stream()
                .min(Instant::compareTo)
                .map(next -> Duration.between(now, next))
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait.compareTo(max) < 0 ? wait : max)
                .orElse(max);
    }

    /** Forgets partitions that were revoked or lost; a new owner starts them unpaused. */
    void forget(final Collection<TopicPartition> partitions) {
        partitions.forEach(until::remove);
    }
}
