package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.NotificationTopicNames;
import dev.orderpipeline.consumers.internal.dedupe.SettledEvents;
import dev.orderpipeline.consumers.internal.dedupe.SettledEventsLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread: poll, settle the batch, commit, repeat. Offsets are committed synchronously after
 * {@link BatchProcessor} settled the batch and its writes were acknowledged, so no commit ever runs ahead of an
 * outcome and the rebalance callbacks never see a half-settled batch. On assignment the dedupe state of the new
 * partitions is loaded before any of their records is processed.
 *
 * <p>Stopped by {@link #stop()} (a wakeup); a batch in progress is finished and committed first. After an
 * unexpected error the loop reports {@link State#FAILED} (readiness down), leaves the group and joins again; the
 * process is never exited from here.
 */
final class DispatchLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchLoop.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);
    private static final Duration RECOVERY_BACKOFF = Duration.ofSeconds(5);

    /** Where the loop is; readiness is up only in {@link #RUNNING}. */
    enum State { STARTING, RESTORING, RUNNING, FAILED, STOPPED }

    private final Consumer<byte[], byte[]> consumer;
    private final BatchProcessor batches;
    private final DispatchMetrics metrics;
    private final SettledEvents settled;
    private final SettledEventsLoader loader;
    private final NotificationTopicNames topics;
    private final Duration writeFailureBackoff;
    private final Clock clock;
    private final PartitionPauses pauses = new PartitionPauses();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile State state = State.STARTING;
    private volatile int assignedCount;
    private volatile boolean stopping;
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    DispatchLoop(final Consumer<byte[], byte[]> consumer, final BatchProcessor batches, final DispatchMetrics metrics,
                 final SettledEvents settled, final SettledEventsLoader loader, final NotificationTopicNames topics,
                 final Duration writeFailureBackoff, final Clock clock) {
        this.consumer = consumer;
        this.batches = batches;
        this.metrics = metrics;
        this.settled = settled;
        this.loader = loader;
        this.topics = topics;
        this.writeFailureBackoff = writeFailureBackoff;
        this.clock = clock;
    }

    State state() {
        return state;
    }

    int assignedPartitions() {
        return assignedCount;
    }

    /** Asks the loop to finish its batch and end; returns at once. */
    void stop() {
        stopping = true;
        stopSignal.countDown();
        if (state != State.STOPPED) {
            try {
                consumer.wakeup();
            } catch (final IllegalStateException e) {
                // Closed meanwhile by the loop itself: nothing left to wake.
            }
        }
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                try {
                    consumer.subscribe(topics.inputs(), new Rebalance());
                    pollUntilStopped();
                } catch (final WakeupException e) {
                    if (!stopping) {
                        throw e;
                    }
                } catch (final RuntimeException e) {
                    recover(e);
                }
            }
            state = State.STOPPED;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            state = State.STOPPED;
        } catch (final RuntimeException | Error e) {
            state = State.FAILED;
            LOG.error("Notification dispatcher stopped by an unexpected error", e);
        } finally {
            closeQuietly();
        }
    }

    private void pollUntilStopped() throws InterruptedException {
        while (!stopping) {
            final Instant now = clock.instant();
            pauses.resumeDue(consumer, now);
            final ConsumerRecords<byte[], byte[]> records = consumer.poll(pauses.pollTimeout(now, MAX_POLL_WAIT));
            if (!records.isEmpty()) {
                settle(records);
            }
        }
    }

    /**
     * Leaves the group after an unexpected error (the broker gone for longer than the client timeouts, a restore
     * that timed out...) and joins again after a pause, like Kafka Streams replacing a failed thread. Uncommitted
     * records are read again by whoever gets their partitions; the markers keep that from sending twice.
     */
    private void recover(final RuntimeException error) throws InterruptedException {
        state = State.FAILED;
        LOG.error("Notification dispatcher failed; leaving the group and joining again in {}", RECOVERY_BACKOFF, error);
        try {
            consumer.unsubscribe();
        } catch (final RuntimeException e) {
            LOG.warn("Leaving the group after a failure: {}", e.toString());
        }
        pauses.forget(Set.copyOf(assigned));
        assigned.clear();
        assignedCount = 0;
        settled.loadedPartitions().forEach(settled::drop);
        stopSignal.await(RECOVERY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        state = State.STARTING;
    }

    private void settle(final ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        final BatchProcessor.Result result;
        try {
            result = batches.process(records);
        } catch (final SettlementWriter.WriteFailedException e) {
            LOG.error("Could not record the outcomes of a batch of {} records; processing it again in {}",
                    records.count(), writeFailureBackoff, e);
            metrics.held(DispatchMetrics.HoldReason.WRITE_FAILED);
            final Instant resumeAt = clock.instant().plus(writeFailureBackoff);
            for (final TopicPartition partition : records.partitions()) {
                pauses.hold(consumer, partition, records.records(partition).getFirst().offset(), resumeAt);
            }
            return;
        }
        commit(result.commits());
        for (final BatchProcessor.Hold hold : result.holds()) {
            pauses.hold(consumer, hold.partition(), hold.offset(), hold.until());
        }
    }

    /**
     * Commits synchronously. A wakeup from {@link #stop()} arriving meanwhile must not lose the commit. A commit
     * refused because the group rebalanced, or not answered in time, loses nothing either: the batch's outcomes
     * are recorded, so whoever reads these records again finds them settled.
     */
    private void commit(final Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            try {
                consumer.commitSync(offsets);
            } catch (final WakeupException e) {
                consumer.commitSync(offsets);
            }
        } catch (final CommitFailedException | RebalanceInProgressException | RetriableException e) {
            LOG.warn("Offsets {} not committed ({}); their records are settled and will be skipped if read again",
                    offsets, e.toString());
        }
    }

    private void closeQuietly() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        } catch (final RuntimeException e) {
            LOG.warn("Closing the notification consumer: {}", e.toString());
        }
        loader.close();
    }

    /** Keeps dedupe state in step with the assignment. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
            // Every batch is committed before the next poll, so there is nothing to flush here. The dedupe state is
            // kept until the new assignment shows whether the partition stays (the eager protocol revokes all).
            pauses.forget(partitions);
            assigned.removeAll(partitions);
            assignedCount = assigned.size();
        }

        @Override
        public void onPartitionsLost(final Collection<TopicPartition> partitions) {
            // Another instance may have processed them meanwhile: the in-memory state is stale.
            onPartitionsRevoked(partitions);
            partitions.forEach(p -> settled.drop(p.partition()));
        }

        @Override
        public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            assignedCount = assigned.size();
            final Set<Integer> needed = assigned.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            settled.loadedPartitions().stream().filter(p -> !needed.contains(p)).forEach(settled::drop);
            final Set<Integer> missing = needed.stream().filter(p -> !settled.isLoaded(p)).collect(Collectors.toSet());
            if (!missing.isEmpty()) {
                state = State.RESTORING;
                loader.load(missing, settled);
            }
            state = State.RUNNING;
            LOG.info("Dispatching {} partitions: {}", assigned.size(), assigned);
        }
    }
}
