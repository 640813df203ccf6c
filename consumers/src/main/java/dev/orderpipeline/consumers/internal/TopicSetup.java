package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.NotificationTopicNames;
import dev.orderpipeline.platform.kafka.TopicAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the dispatcher's topics exist and are co-partitioned with {@code notifications}: the retry tiers and
 * the delivered markers are created (if asked to) with its partition count and replication, then checked, because
 * the dedupe state of partition p is only found in partition p.
 */
public final class TopicSetup {

    private static final Duration METADATA_WAIT = Duration.ofMillis(100);

    private TopicSetup() {
    }

    /**
     * @return the partition count of {@code notifications}
     * @throws IllegalStateException if {@code notifications} is missing or a co-partitioned topic differs
     */
    public static int ensure(final Map<String, Object> clientConfig, final NotificationTopicNames topics,
                             final Duration dedupeRetention, final boolean create, final Duration timeout) {
        final TopicDescription input = describe(clientConfig, List.of(topics.notifications()), timeout, false)
                .get(topics.notifications());
        final int partitions = input.partitions().size();
        final Set<String> created = create
                ? TopicAdmin.ensureTopics(clientConfig, topics.specs(dedupeRetention), partitions,
                        (short) input.partitions().getFirst().replicas().size(), timeout)
                : Set.of();
        describe(clientConfig, topics.coPartitioned(), timeout, !created.isEmpty()).forEach((name, description) -> {
            if (description.partitions().size() != partitions) {
                throw new IllegalStateException("Topic " + name + " has " + description.partitions().size()
                        + " partitions but " + topics.notifications() + " has " + partitions
                        + "; they must be equal (co-partitioned)");
            }
        });
        return partitions;
    }

    /**
     * Describes topics; with {@code justCreated}, waits while the broker does not know one yet, because right after
     * creation the controller has accepted a topic before every broker's metadata shows it.
     */
    private static Map<String, TopicDescription> describe(final Map<String, Object> clientConfig,
                                                          final List<String> names, final Duration timeout,
                                                          final boolean justCreated) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(clientConfig)) {
            while (true) {
                try {
                    return admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (final ExecutionException e) {
                    if (!justCreated || !(e.getCause() instanceof UnknownTopicOrPartitionException)
                            || System.nanoTime() > deadline) {
                        throw new IllegalStateException("Cannot describe topics " + names + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    Thread.sleep(METADATA_WAIT.toMillis());
                }
            }
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe topics " + names + " within " + timeout, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topics " + names, e);
        }
    }
}
