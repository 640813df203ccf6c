package dev.orderpipeline.platform.kafka;

import dev.orderpipeline.schemas.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's topics when they are missing, with the partition count, replication and cleanup policy
 * given; existing topics are left alone (changing partitions of a keyed topic would move keys).
 */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    /**
     * @return the topics that were created by this call
     */
    public static Set<String> ensureTopics(final Map<String, Object> clientConfig, final List<TopicSpec> specs,
                                           final int partitions, final short replicationFactor, final Duration timeout) {
        try (Admin admin = Admin.create(clientConfig)) {
            final Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), partitions, replicationFactor).configs(configs(spec, replicationFactor)))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList(), timeout);
                awaitServed(admin, missing, timeout);
                LOG.info("Created topics {} with {} partitions", missing.stream().map(NewTopic::name).toList(), partitions);
            }
            return Set.copyOf(missing.stream().map(NewTopic::name).toList());
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topics: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /**
     * Returns once every partition of the topics has a leader. Producing into a partition whose leader is not
     * known yet gets NOT_LEADER_OR_FOLLOWER; an idempotent producer's retry of its first batch can then land behind
     * later batches and be refused as out of order until its delivery timeout, losing those records.
     */
    private static void awaitLeaders(final Admin admin, final List<String> topics, final Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (allLed(admin, topics, timeout)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Partitions of " + topics + " have no leader after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Returns once the leader of every partition answers for it. A leader in the metadata is not yet enough: the
     * broker applies a new partition's leadership a little after its metadata says so, and a produce in between
     * gets NOT_LEADER_OR_FOLLOWER just the same (seen when the local stack seeds the demo catalogue right after
     * creating the topics). Asking each partition's end offset goes through the same path as a produce.
     */
    private static void awaitServed(final Admin admin, final List<NewTopic> topics, final Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        final Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (final NewTopic topic : topics) {
            for (int p = 0; p < topic.numPartitions(); p++) {
                partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(50);
        }
    }

    /** Whether every partition has a leader; a topic the broker does not know yet just means "not yet". */
    private static boolean allLed(final Admin admin, final List<String> topics, final Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            final Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return descriptions.values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, String> configs(final TopicSpec spec, final short replicationFactor) {
        final Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionMs()));
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.max(1, replicationFactor - 1)));
        return configs;
    }
}
