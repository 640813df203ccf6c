package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.platform.http.ProblemException;
import dev.orderpipeline.projections.ProjectionsConfig.QuerySettings;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a key of a store is read and reads it locally with IQv2, for every query service.
 *
 * <p>The rules, in order: a request forwarded by another instance is answered from local state only (loop
 * protection); a key whose active copy is here is read here; a key owned elsewhere is fetched from the owner; if the
 * owner cannot answer (down, restoring, mid-rebalance) or no owner is known, a local standby or restoring copy
 * answers when that is allowed and it is at most {@code maxStandbyLag} records behind, flagged with its lag;
 * otherwise 503 with {@code Retry-After}. Local reads try the active copy first ({@code requireActive}), so a
 * standby is only used when the active one is not here or not running.
 */
public final class StoreRouter {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRouter.class);
    private static final Serializer<String> KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final StandbyLags lags;
    private final QuerySettings settings;
    private final ProjectionsMeters meters;

    StoreRouter(final KafkaStreams streams, final HostInfo self, final StandbyLags lags, final QuerySettings settings,
                final ProjectionsMeters meters) {
        this.streams = streams;
        this.self = self;
        this.lags = lags;
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * Where a key lives right now.
     *
     * @param partition  the store partition holding the key
     * @param active     the instance with the active copy, or {@link HostInfo#unavailable()} mid-rebalance
     * @param activeHere whether that is this instance
     */
    public record Location(int partition, HostInfo active, boolean activeHere) {

        /** Whether the key should be read from this instance's own state. */
        boolean readHere(final boolean forwarded) {
            return forwarded || activeHere || active.port() < 0;
        }
    }

    /** Finds the partition and owner of a key; 503 while Streams has no assignment to tell. */
    public Location locate(final String store, final String key) {
        final KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, KEYS);
        } catch (final StreamsException | IllegalStateException e) {
            throw unavailable("The " + store + " view is not queryable while projections are "
                    + streams.state().name().toLowerCase());
        }
        if (metadata == null || metadata.partition() < 0) {
            throw unavailable("No instance holds the " + store + " view yet");
        }
        return new Location(metadata.partition(), metadata.activeHost(), self.equals(metadata.activeHost()));
    }

    /**
     * Reads one key from wherever the rules above say.
     *
     * @param local  reads the key from a local partition ({@link #queryLocal})
     * @param remote fetches the answer from the owning instance ({@link PeerClient})
     */
    public <T> Answer<T> route(final String store, final String key, final Caller caller,
                               final IntFunction<Answer<T>> local, final Function<HostInfo, Answer<T>> remote) {
        final Location location = locate(store, key);
        if (location.readHere(caller.forwarded())) {
            return local.apply(location.partition());
        }
        try {
            return remote.apply(location.active());
        } catch (final PeerUnavailableException e) {
            return fallback(store, location, e, local);
        }
    }

    /** After the owner failed: a local copy, or 503 naming both failures. */
    <T> Answer<T> fallback(final String store, final Location location, final PeerUnavailableException failure,
                           final IntFunction<Answer<T>> local) {
        LOG.debug("Owner of {} partition {} failed, trying a local copy: {}", store, location.partition(),
                failure.getMessage());
        try {
            return local.apply(location.partition());
        } catch (final ProblemException e) {
            throw unavailable(failure.getMessage() + "; " + e.getMessage());
        }
    }

    /**
     * Runs an IQv2 query on one local partition: the active copy if it is here and running, else a standby (or
     * restoring) copy within the allowed lag. {@code read} turns the store result into a view while the result is
     * still open (range iterators are closed right after).
     */
    public <R, T> Answer<T> queryLocal(final String store, final int partition, final Query<R> query,
                                       final Function<R, T> read) {
        final QueryResult<R> active = run(store, partition, query, true);
        if (active.isSuccess()) {
            return Answer.active(read(active, read));
        }
        if (!settings.serveFromStandby()) {
            throw unavailable(notHere(store, partition, active));
        }
        final OptionalLong lag = lags.lag(store, partition);
        if (lag.isEmpty()) {
            throw unavailable(notHere(store, partition, active));
        }
        if (lag.getAsLong() > settings.maxStandbyLag()) {
            throw unavailable("The local copy of " + store + " partition " + partition + " is " + lag.getAsLong()
                    + " records behind (limit " + settings.maxStandbyLag() + ")");
        }
        final QueryResult<R> standby = run(store, partition, query, false);
        if (!standby.isSuccess()) {
            throw unavailable(notHere(store, partition, standby));
        }
        meters.standbyAnswer();
        return Answer.standby(read(standby, read), lag.getAsLong());
    }

    /** 503 with the configured {@code Retry-After}. */
    public ProblemException unavailable(final String detail) {
        meters.unavailable();
        return ProblemException.unavailable(detail, settings.retryAfter());
    }

    private <R> QueryResult<R> run(final String store, final int partition, final Query<R> query,
                                   final boolean requireActive) {
        try {
            final StateQueryRequest<R> request = StateQueryRequest.inStore(store).withQuery(query)
                    .withPartitions(Set.of(partition));
            final QueryResult<R> result = streams.query(requireActive ? request.requireActive() : request)
                    .getPartitionResults().get(partition);
            return result != null ? result
                    : QueryResult.forFailure(FailureReason.NOT_PRESENT, "partition not present on this instance");
        } catch (final StreamsException | IllegalStateException e) {
            return QueryResult.forFailure(FailureReason.NOT_PRESENT, "projections are "
                    + streams.state().name().toLowerCase() + " (" + e.getMessage() + ")");
        }
    }

    private static <R, T> T read(final QueryResult<R> result, final Function<R, T> read) {
        final R value = result.getResult();
        if (value instanceof AutoCloseable closeable) {
            try (closeable) {
                return read.apply(value);
            } catch (final RuntimeException e) {
                throw e;
            } catch (final Exception e) {
                throw new IllegalStateException("Could not close a store iterator", e);
            }
        }
        return read.apply(value);
    }

    private static String notHere(final String store, final int partition, final QueryResult<?> result) {
        return "The " + store + " view (partition " + partition + ") is not available on this instance right now: "
                + result.getFailureReason() + " " + result.getFailureMessage();
    }
}
