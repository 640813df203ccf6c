package dev.orderpipeline.projections.internal.query;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind each local store partition (standby or restoring) is, in changelog records.
 *
 * <p>{@link KafkaStreams#allLocalStorePartitionLags()} asks the broker every time and blocks up to the admin
 * timeout when the broker is slow, so it is never called on a request thread: a background thread refreshes a
 * snapshot, at most once per {@link #REFRESH_AFTER}, and a request waits at most {@link #MAX_WAIT} for a fresher one.
 * A snapshot older than {@link #MAX_AGE} is not trusted; the lag is then unknown and the caller answers 503.
 */
final class StandbyLags implements AutoCloseable {

    static final Duration REFRESH_AFTER = Duration.ofSeconds(1);
    static final Duration MAX_AGE = Duration.ofSeconds(10);
    static final Duration MAX_WAIT = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(StandbyLags.class);

    private record Snapshot(Map<String, Map<Integer, LagInfo>> lags, long takenAtNanos) {
    }

    private final KafkaStreams streams;
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("projections-lag-refresh").daemon().factory());
    private final Object lock = new Object();
    private volatile Snapshot snapshot;
    private CompletableFuture<Snapshot> inFlight;

    StandbyLags(final KafkaStreams streams) {
        this.streams = streams;
    }

    /** The lag of a local copy of the store partition; empty if there is none or the lag is not known. */
    OptionalLong lag(final String store, final int partition) {
        Snapshot current = snapshot;
        if (current == null || age(current) > REFRESH_AFTER.toNanos()) {
            final CompletableFuture<Snapshot> refresh = refreshing();
            try {
                current = refresh.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final TimeoutException | ExecutionException e) {
                current = snapshot;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                current = snapshot;
            }
        }
        if (current == null || age(current) > MAX_AGE.toNanos()) {
            return OptionalLong.empty();
        }
        final LagInfo info = current.lags().getOrDefault(store, Map.of()).get(partition);
        return info == null ? OptionalLong.empty() : OptionalLong.of(info.offsetLag());
    }

    /** Starts a refresh unless one is running, without waiting: the lags change most around rebalances. */
    void refreshSoon() {
        refreshing();
    }

    private CompletableFuture<Snapshot> refreshing() {
        synchronized (lock) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::take, refresher);
            }
            return inFlight;
        }
    }

    private Snapshot take() {
        try {
            final Snapshot taken = new Snapshot(streams.allLocalStorePartitionLags(), System.nanoTime());
            snapshot = taken;
            return taken;
        } catch (final RuntimeException e) {
            LOG.debug("Could not read local store lags: {}", e.toString());
            throw e;
        }
    }

    private static long age(final Snapshot snapshot) {
        return System.nanoTime() - snapshot.takenAtNanos();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
