package dev.orderpipeline.ingest.internal.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the idempotency ledger topic when it is missing. Delete policy, not compaction: the verdict about a key
 * depends on the <em>order</em> of its claims, which compaction would erase by keeping only the last one.
 * Retention is two windows plus an hour: a restarted instance replays the last two windows, which holds every claim
 * that can still decide a live key (see {@link LedgerView}); hourly segments let old records go on time.
 */
final class LedgerTopic {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerTopic.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Do not wait for calls still pending against an unreachable cluster when giving up. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private LedgerTopic() {
    }

    static Map<String, String> configs(final Duration window, final int replicationFactor) {
        final Duration retention = window.multipliedBy(2).plusHours(1);
        final Duration segment = window.compareTo(Duration.ofHours(1)) < 0 ? window : Duration.ofHours(1);
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Math.max(60_000, segment.toMillis())),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.max(1, replicationFactor - 1)));
    }

    /** Creates the topic unless it exists, replicated three times or on every broker of a smaller cluster. */
    static void ensure(final Map<String, Object> clientConfig, final String topic, final int partitions,
                       final Duration window) {
        final Admin admin = Admin.create(clientConfig);
        try {
            if (admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            final int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            final short replication = (short) Math.max(1, Math.min(3, brokers));
            admin.createTopics(List.of(new NewTopic(topic, partitions, replication).configs(configs(window, replication))))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created idempotency ledger topic {} ({} partitions, replication {})", topic, partitions, replication);
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create the idempotency ledger topic " + topic + ": " + e.getCause(), e);
            }
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in time while creating " + topic, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + topic, e);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }
}
