package dev.orderpipeline.ingest.internal.idempotency;

import dev.orderpipeline.ingest.internal.kafka.EventPublisher;
import dev.orderpipeline.ingest.internal.kafka.PublishFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places an order under an {@code Idempotency-Key} so that retries, on any instance, at any time within the
 * window, get the first request's answer and never a second order.
 *
 * <ol>
 * <li>Requests with the same key on this instance are joined: one does the work, the others get its answer.</li>
 * <li>If the ledger view knows the key: another body gets 422; a stored order is replayed (202, same order id,
 *     nothing produced); an order still pending elsewhere is waited for, then replayed or, if its claimant gave
 *     up, produced by this request under the same id.</li>
 * <li>Otherwise the request appends a claim to the ledger and waits until its own view has read that offset
 *     back. Claims are ordered by the partition, so all instances agree on the first one; a request whose claim
 *     lost is treated as in 2.</li>
 * <li>The winner produces the order (id derived from key and window, see {@link OrderIds}), then appends
 *     {@code Completed} without waiting for it.</li>
 * </ol>
 * Any produce of an order is safe to repeat, since all attempts of a key use the same order id and the saga drops
 * duplicates; the ledger only spares the duplicate and detects a different body.
 */
public final class IdempotentOrders {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentOrders.class);

    /** What a keyed request amounts to. */
    public sealed interface Outcome {
        /** The order is stored; {@code replayed} when an earlier request of the key stored it. */
        record Accepted(UUID orderId, Fingerprint body, boolean replayed) implements Outcome {
        }

        /** The key belongs to a different body. */
        record Conflict() implements Outcome {
        }
    }

    /** Produces the order under the given id and returns once Kafka acknowledged it. */
    @FunctionalInterface
    public interface OrderSink {
        void publish(UUID orderId) throws PublishFailedException;
    }

    private final LedgerView view;
    private final EventPublisher publisher;
    private final String ledgerTopic;
    private final Duration window;
    private final Clock clock;
    private final LedgerCodec codec = new LedgerCodec();
    private final Map<ScopeId, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();

    public IdempotentOrders(final LedgerView view, final EventPublisher publisher, final String ledgerTopic,
                            final Duration window, final Clock clock) {
        this.view = view;
        this.publisher = publisher;
        this.ledgerTopic = ledgerTopic;
        this.window = window;
        this.clock = clock;
    }

    /**
     * @param scope    principal and key
     * @param body     fingerprint of the validated request
     * @param deadline when the request must be answered
     * @param sink     produces the order
     * @throws PublishFailedException when Kafka (order or ledger) is not available in time: answer 503
     */
    public Outcome place(final ScopeId scope, final Fingerprint body, final Deadline deadline, final OrderSink sink)
            throws PublishFailedException {
        while (true) {
            final CompletableFuture<Outcome> mine = new CompletableFuture<>();
            final CompletableFuture<Outcome> running = inFlight.putIfAbsent(scope, mine);
            if (running != null) {
                final Optional<Outcome> joined = join(running, deadline);
                if (joined.isPresent() && joined.get() instanceof Outcome.Accepted accepted) {
                    return accepted.body().equals(body)
                            ? new Outcome.Accepted(accepted.orderId(), body, true) : new Outcome.Conflict();
                }
                if (deadline.expired()) {
                    throw unavailable("another request with this key is still running");
                }
                continue;
            }
            try {
                final Outcome outcome = execute(scope, body, deadline, sink);
                mine.complete(outcome);
                return outcome;
            } catch (final PublishFailedException | RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(scope, mine);
            }
        }
    }

    private Outcome execute(final ScopeId scope, final Fingerprint body, final Deadline deadline, final OrderSink sink)
            throws PublishFailedException {
        final Deadline decideBy = deadline.minus(publisher.budget());
        if (!view.awaitCaughtUp(decideBy)) {
            throw unavailable("the idempotency ledger is still loading");
        }
        final Optional<LedgerState.Entry> known = view.find(scope);
        final long claimId = ThreadLocalRandom.current().nextLong();
        final LedgerState.Entry owner = known.isPresent() ? known.get() : claim(scope, body, claimId, decideBy);
        if (!owner.body().equals(body)) {
            return new Outcome.Conflict();
        }
        if (owner.progress() == LedgerState.Progress.STORED) {
            return new Outcome.Accepted(owner.orderId(), body, true);
        }
        final boolean ours = known.isEmpty() && owner.claimId() == claimId;
        if (!ours && owner.progress() == LedgerState.Progress.PENDING
                && view.awaitSettled(scope, owner.orderId(), decideBy)
                && view.find(scope).filter(e -> e.progress() == LedgerState.Progress.STORED).isPresent()) {
            return new Outcome.Accepted(owner.orderId(), body, true);
        }
        produce(scope, owner.orderId(), sink);
        return new Outcome.Accepted(owner.orderId(), body, false);
    }

    /** Appends a claim, waits until this instance has read it back, and returns the key's owner. */
    private LedgerState.Entry claim(final ScopeId scope, final Fingerprint body, final long claimId,
                                    final Deadline decideBy) throws PublishFailedException {
        final Instant now = clock.instant();
        final LedgerRecord.Claim claim = new LedgerRecord.Claim(scope, body, OrderIds.derive(scope, now, window),
                claimId, now);
        final RecordMetadata claimed = publisher.publish(ledgerTopic, codec.key(claim), codec.value(claim));
        if (!view.awaitApplied(claimed.partition(), claimed.offset(), decideBy)) {
            throw unavailable("the idempotency ledger could not be read back in time");
        }
        return view.find(scope).orElseThrow(() -> notLive(scope));
    }

    private void produce(final ScopeId scope, final UUID orderId, final OrderSink sink) throws PublishFailedException {
        try {
            sink.publish(orderId);
        } catch (final PublishFailedException e) {
            append(new LedgerRecord.Released(scope, orderId));
            throw e;
        }
        append(new LedgerRecord.Completed(scope, orderId));
    }

    private void append(final LedgerRecord record) {
        publisher.publishInBackground(ledgerTopic, codec.key(record), codec.value(record));
    }

    private static Optional<Outcome> join(final CompletableFuture<Outcome> running, final Deadline deadline) {
        try {
            return Optional.of(running.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS));
        } catch (final ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static PublishFailedException unavailable(final String why) {
        return new PublishFailedException("Idempotency ledger unavailable: " + why, null, true);
    }

    private static IllegalStateException notLive(final ScopeId scope) {
        LOG.error("Claim of idempotency scope {} read back but not live; is the window shorter than the clock skew?", scope);
        return new IllegalStateException("claim of " + scope + " not found after read-back");
    }
}
