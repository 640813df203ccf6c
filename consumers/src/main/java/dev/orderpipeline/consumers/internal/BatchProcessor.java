package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.internal.dedupe.SettledEvents;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one polled batch: decodes every record, suppresses settled event ids, delivers the rest concurrently,
 * writes markers, retry copies and dead letters, and only then says which offsets may be committed. At most
 * {@code maxInFlight} orders are in delivery at once (never more than the channel takes without queueing), and
 * notifications of one order in the batch go one after the other, in offset order. A partition stops early at a
 * retry copy that is not due or when the registry is down; those become holds, and its offsets stop before them.
 */
final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    /** Where a partition stopped early and until when it waits. */
    record Hold(TopicPartition partition, long offset, Instant until) {
    }

    /** Offsets to commit (settled and acknowledged) and partitions to hold back. */
    record Result(Map<TopicPartition, OffsetAndMetadata> commits, List<Hold> holds) {
    }

    private record Job(InboundRecord in, NotificationRequested notification, CompletableFuture<Settlement> result) {
    }

    private final RecordDecoder decoder;
    private final Dispatcher dispatcher;
    private final SettledEvents settled;
    private final SettlementWriter writer;
    private final DispatchMetrics metrics;
    private final Semaphore inFlight;
    private final Duration registryBackoff;
    private final Clock clock;

    BatchProcessor(final RecordDecoder decoder, final Dispatcher dispatcher, final SettledEvents settled,
                   final SettlementWriter writer, final DispatchMetrics metrics, final int maxInFlight,
                   final Duration registryBackoff, final Clock clock) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.settled = settled;
        this.writer = writer;
        this.metrics = metrics;
        this.inFlight = new Semaphore(maxInFlight);
        this.registryBackoff = registryBackoff;
        this.clock = clock;
    }

    /**
     * @throws SettlementWriter.WriteFailedException when the writes were not acknowledged: nothing may be committed
     */
    Result process(final ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        final Instant now = clock.instant();
        final List<CompletableFuture<Settlement>> ordered = new ArrayList<>(records.count());
        final Map<String, List<Job>> byOrder = new LinkedHashMap<>();
        final Set<String> claimed = new HashSet<>();
        final Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        final List<Hold> holds = new ArrayList<>();
        for (final TopicPartition partition : records.partitions()) {
            final Hold hold = scan(records.records(partition), now, ordered, byOrder, claimed);
            final long next = hold != null ? hold.offset() : records.records(partition).getLast().offset() + 1;
            commits.put(partition, new OffsetAndMetadata(next));
            if (hold != null) {
                holds.add(hold);
            }
        }
        launch(byOrder);
        final List<Settlement> settlements = ordered.stream().map(CompletableFuture::join).toList();
        writer.write(settlements);
        settlements.forEach(this::account);
        settled.expire(now.toEpochMilli());
        return new Result(commits, holds);
    }

    /** Decodes a partition's records in order until one must wait; returns that hold, or null. */
    private Hold scan(final List<ConsumerRecord<byte[], byte[]>> records, final Instant now,
                      final List<CompletableFuture<Settlement>> ordered, final Map<String, List<Job>> byOrder,
                      final Set<String> claimed) {
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            final InboundRecord in = InboundRecord.of(record);
            if (in.notDueAt(now)) {
                metrics.held(DispatchMetrics.HoldReason.RETRY_NOT_DUE);
                return new Hold(in.topicPartition(), in.offset(), in.dueAt().orElseThrow());
            }
            switch (decoder.decode(record)) {
                case Decoded.RegistryDown down -> {
                    LOG.warn("Schema registry unavailable reading {}-{}@{}; holding the partition for {}: {}",
                            in.topic(), in.partition(), in.offset(), registryBackoff, down.cause().toString());
                    metrics.held(DispatchMetrics.HoldReason.REGISTRY_UNAVAILABLE);
                    return new Hold(in.topicPartition(), in.offset(), now.plus(registryBackoff));
                }
                case Decoded.Poison poison -> ordered.add(CompletableFuture.completedFuture(new Settlement.DeadLetter(
                        in, null, null, in.attemptsMade(), poison.reason(), poison.message(), poison.cause())));
                case Decoded.Valid valid -> {
                    final String eventId = valid.notification().getEventId();
                    if (settled.contains(in.partition(), eventId) || !claimed.add(eventId)) {
                        ordered.add(CompletableFuture.completedFuture(new Settlement.Duplicate(in, eventId)));
                    } else {
                        final Job job = new Job(in, valid.notification(), new CompletableFuture<>());
                        byOrder.computeIfAbsent(valid.notification().getOrderId(), k -> new ArrayList<>()).add(job);
                        ordered.add(job.result());
                    }
                }
            }
        }
        return null;
    }

    /** Starts each order's chain of deliveries once a slot is free; slots are returned as chains finish. */
    private void launch(final Map<String, List<Job>> byOrder) throws InterruptedException {
        for (final List<Job> jobs : byOrder.values()) {
            inFlight.acquire();
            CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
            for (final Job job : jobs) {
                final CompletableFuture<Settlement> attempt =
                        chain.thenCompose(previous -> dispatcher.dispatch(job.in(), job.notification()));
                attempt.whenComplete((settlement, error) -> {
                    if (error != null) {
                        job.result().completeExceptionally(error);
                    } else {
                        job.result().complete(settlement);
                    }
                });
                chain = attempt;
            }
            chain.whenComplete((ignored, error) -> inFlight.release());
        }
    }

    private void account(final Settlement settlement) {
        final InboundRecord in = settlement.in();
        switch (settlement) {
            case Settlement.Delivered d -> {
                metrics.delivered();
                settled.add(in.partition(), d.eventId(), clock.millis());
                LOG.debug("Delivered eventId={} orderId={} from {}-{}@{}", d.eventId(), d.orderId(), in.topic(),
                        in.partition(), in.offset());
            }
            case Settlement.Duplicate d -> {
                metrics.duplicate();
                LOG.info("Suppressed duplicate eventId={} from {}-{}@{}", d.eventId(), in.topic(), in.partition(),
                        in.offset());
            }
            case Settlement.Retry r -> {
                metrics.retried(r.failure());
                LOG.info("Delivery of eventId={} orderId={} from {}-{}@{} failed ({}: {}); attempt {} made, next in {} via {}",
                        r.eventId(), r.orderId(), in.topic(), in.partition(), in.offset(), r.failure(), r.message(),
                        r.attemptsMade(), r.plan().delay(), r.plan().topic());
            }
            case Settlement.DeadLetter d -> {
                metrics.deadLettered(d.reason());
                if (d.eventId() == null) {
                    LOG.warn("Dead-lettered undecodable record from {}-{}@{}: {} {}", in.topic(), in.partition(),
                            in.offset(), d.reason(), d.message());
                } else {
                    settled.add(in.partition(), d.eventId(), clock.millis());
                    LOG.warn("Dead-lettered eventId={} orderId={} from {}-{}@{} after {} attempts: {} {}", d.eventId(),
                            d.orderId(), in.topic(), in.partition(), in.offset(), d.attemptsMade(), d.reason(),
                            d.message());
                }
            }
        }
    }
}
