package dev.orderpipeline.ingest.internal.idempotency;

import dev.orderpipeline.platform.config.KafkaSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of the idempotency ledger: one thread tails every partition of the ledger topic (no consumer
 * group, so each instance reads everything) and applies the records to a {@link LedgerState}. Requests wait on it
 * for "my claim has been read back" or "that order is now stored" without polling: the tail thread re-checks the
 * waiting conditions after every fetch.
 *
 * <p>On start it replays the last two windows of the ledger (the topic keeps that much), then reports caught up.
 * Two windows, not one: a key live now was claimed within the last window, and any claim that could have beaten
 * it lies within a window before that.
 *
 * <p>If Kafka is unreachable it keeps retrying; requests that need it time out into 503 meanwhile. Undecodable
 * records are skipped with a warning, so a bad record never stops the view.
 */
public final class LedgerView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerView.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final Duration EVICTION_INTERVAL = Duration.ofSeconds(30);
    /** Clock skew allowance between instances when forgetting expired keys. */
    private static final Duration EVICTION_GRACE = Duration.ofMinutes(5);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    /** A request waiting for a condition on the view. */
    private record Waiter(BooleanSupplier condition, CompletableFuture<Void> done) {
    }

    private final KafkaSettings kafka;
    private final String topic;
    private final Duration window;
    private final int partitions;
    private final boolean createTopic;
    private final Clock clock;
    private final LedgerCodec codec = new LedgerCodec();
    private final LedgerState state;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaClientMetrics clientMetrics;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile AtomicLongArray positions = new AtomicLongArray(0);
    private volatile boolean caughtUp;
    private Map<TopicPartition, Long> catchUpTargets;
    private Instant lastEviction = Instant.EPOCH;

    public LedgerView(final KafkaSettings kafka, final String topic, final Duration window, final int partitions,
                      final boolean createTopic, final Clock clock, final MeterRegistry registry) {
        this.kafka = kafka;
        this.topic = topic;
        this.window = window;
        this.partitions = partitions;
        this.createTopic = createTopic;
        this.clock = clock;
        this.state = new LedgerState(window);
        final Map<String, Object> config = kafka.clientConfig();
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-idempotency-view");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.clientMetrics = new KafkaClientMetrics(consumer);
        this.clientMetrics.bindTo(registry);
        Gauge.builder("ingest.idempotency.keys", state, LedgerState::size)
                .description("Idempotency keys remembered by this instance").register(registry);
        Gauge.builder("ingest.idempotency.caught.up", this, view -> view.caughtUp ? 1 : 0)
                .description("1 once this instance has read the idempotency ledger up to its end").register(registry);
        this.thread = Thread.ofPlatform().name("ingest-idempotency-view").daemon(true).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Whether the view has read the ledger up to where it ended when this instance started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** The live entry of a key, as far as this instance has read the ledger. */
    public Optional<LedgerState.Entry> find(final ScopeId scope) {
        return state.find(scope, clock.instant());
    }

    public boolean awaitCaughtUp(final Deadline deadline) {
        return await(() -> caughtUp, deadline);
    }

    /** Waits until the record at this offset has been applied. */
    public boolean awaitApplied(final int partition, final long offset, final Deadline deadline) {
        return await(() -> position(partition) > offset, deadline);
    }

    /** Waits until the key's order is no longer pending: stored, released, or the key expired. */
    public boolean awaitSettled(final ScopeId scope, final UUID orderId, final Deadline deadline) {
        return await(() -> find(scope).filter(e -> e.orderId().equals(orderId))
                .map(e -> e.progress() != LedgerState.Progress.PENDING).orElse(true), deadline);
    }

    private long position(final int partition) {
        final AtomicLongArray current = positions;
        return partition < current.length() ? current.get(partition) : -1;
    }

    private boolean await(final BooleanSupplier condition, final Deadline deadline) {
        if (condition.getAsBoolean()) {
            return true;
        }
        final Waiter waiter = new Waiter(condition, new CompletableFuture<>());
        waiters.add(waiter);
        try {
            if (condition.getAsBoolean()) {
                return true;
            }
            waiter.done().get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (final TimeoutException | ExecutionException e) {
            return condition.getAsBoolean();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiters.remove(waiter);
        }
    }

    private void run() {
        boolean assigned = false;
        while (stopping.getCount() > 0) {
            try {
                if (!assigned) {
                    assign();
                    assigned = true;
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                updatePositions();
                signalWaiters();
                evictWhenDue();
            } catch (final WakeupException | InterruptException e) {
                LOG.debug("Idempotency view woken up: {}", e.toString());
            } catch (final RuntimeException e) {
                LOG.warn("Idempotency ledger {} not readable: {}; retrying in {}", topic, e.toString(), RETRY_BACKOFF);
                backOff();
            }
        }
        waiters.forEach(waiter -> waiter.done().completeExceptionally(new IllegalStateException("view closed")));
        Thread.interrupted(); // close() may have interrupted a blocking admin call; the consumer must still close
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (final InterruptException e) {
            LOG.debug("Idempotency view consumer closed while interrupted");
        }
    }

    private void assign() {
        if (createTopic) {
            LedgerTopic.ensure(kafka.clientConfig(), topic, partitions, window);
        }
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, ADMIN_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        final List<TopicPartition> assignment = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assignment);
        final long replayFrom = clock.instant().minus(window.multipliedBy(2)).toEpochMilli();
        final Map<TopicPartition, Long> query = new HashMap<>();
        assignment.forEach(tp -> query.put(tp, replayFrom));
        final Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, ADMIN_TIMEOUT);
        for (final TopicPartition tp : assignment) {
            final OffsetAndTimestamp start = starts.get(tp);
            if (start == null) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, start.offset());
            }
        }
        catchUpTargets = consumer.endOffsets(assignment, ADMIN_TIMEOUT);
        final int size = assignment.stream().mapToInt(TopicPartition::partition).max().orElse(0) + 1;
        final AtomicLongArray fresh = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            fresh.set(i, -1);
        }
        positions = fresh;
        LOG.info("Idempotency view reading {} ({} partitions) from {} to {}", topic, assignment.size(),
                Instant.ofEpochMilli(replayFrom), catchUpTargets);
    }

    private void apply(final ConsumerRecord<byte[], byte[]> record) {
        final Optional<LedgerRecord> decoded = codec.decode(record.key(), record.value());
        if (decoded.isEmpty()) {
            LOG.warn("Skipping undecodable idempotency record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        state.apply(decoded.get());
    }

    private void updatePositions() {
        final AtomicLongArray current = positions;
        boolean done = true;
        for (final TopicPartition tp : consumer.assignment()) {
            final long position = consumer.position(tp);
            current.set(tp.partition(), position);
            done &= position >= catchUpTargets.getOrDefault(tp, 0L);
        }
        if (done && !caughtUp) {
            caughtUp = true;
            LOG.info("Idempotency view caught up with {}: {} live key(s)", topic, state.size());
        }
    }

    private void signalWaiters() {
        for (final Waiter waiter : waiters) {
            if (!waiter.done().isDone() && waiter.condition().getAsBoolean()) {
                waiter.done().complete(null);
            }
        }
    }

    private void evictWhenDue() {
        final Instant now = clock.instant();
        if (caughtUp && now.isAfter(lastEviction.plus(EVICTION_INTERVAL))) {
            lastEviction = now;
            final int evicted = state.evictExpiredBefore(now.minus(EVICTION_GRACE));
            if (evicted > 0) {
                LOG.debug("Forgot {} expired idempotency key(s)", evicted);
            }
        }
    }

    private void backOff() {
        try {
            stopping.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }

    /**
     * Stops the tail thread and closes the consumer; waiting requests give up at once. The thread is woken from a
     * poll and interrupted out of a topic-creation call, so stopping does not wait for Kafka timeouts.
     */
    @Override
    public void close() {
        stopping.countDown();
        consumer.wakeup();
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clientMetrics.close();
    }
}
