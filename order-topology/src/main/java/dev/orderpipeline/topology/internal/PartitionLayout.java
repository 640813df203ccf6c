package dev.orderpipeline.topology.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Checks the one thing Kafka Streams cannot check for the saga: that its input topics have the same number of
 * partitions. Streams only enforces co-partitioning for joins; the saga's steps share stores instead, and its
 * internal topics take the largest partition count of the inputs, so an input with fewer partitions than the others
 * would put an order's answers on a task that does not hold the order.
 */
public final class PartitionLayout {

    private PartitionLayout() {
    }

    /**
     * @throws IllegalStateException if a topic is missing or the counts differ
     */
    public static void verify(final Admin admin, final Collection<String> topics, final Duration timeout) {
        final Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Cannot describe the saga's input topics " + topics
                    + "; create them before starting the saga: " + e.getCause(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe the saga's input topics " + topics + " within "
                    + timeout, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the saga's input topics", e);
        }
        final Map<String, Integer> counts = new TreeMap<>();
        descriptions.forEach((name, description) -> counts.put(name, description.partitions().size()));
        problem(counts).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why these partition counts do not work, or empty when they are all equal. */
    public static Optional<String> problem(final Map<String, Integer> partitionCounts) {
        final List<Integer> distinct = partitionCounts.values().stream().distinct().toList();
        if (distinct.size() <= 1) {
            return Optional.empty();
        }
        return Optional.of("The saga's input topics must have the same number of partitions, but they have "
                + partitionCounts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "))
                + ". Each task must own the same order ids, SKUs and customers in all of them.");
    }
}
