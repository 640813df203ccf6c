package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.projections.ProjectionsTopology;
import dev.orderpipeline.projections.avro.MonthlySales;
import dev.orderpipeline.projections.internal.query.StoreRouter.Location;
import dev.orderpipeline.projections.view.MonthlySalesRangeView;
import dev.orderpipeline.projections.view.MonthlySalesView;
import dev.orderpipeline.projections.view.SalesTotal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The monthly-sales view: one month, or a range of months gathered from every instance that owns some of them.
 *
 * <p>A range is planned first (each month's partition and owner), then one batch request per other instance goes
 * out concurrently while the local months are read, and the answers are merged in month order. Months whose owner
 * fails are read from local standby copies if possible; if any month cannot be answered, the whole range is 503 — a
 * partial sum would be a wrong number, not a smaller one.
 */
public final class MonthlySalesQueries {

    /** The peer route that answers several months from local state only. */
    public static final String BATCH_PATH = "/internal/sales/monthly";

    private static final String STORE = ProjectionsTopology.MONTHLY_SALES_STORE;

    private final StoreRouter router;
    private final PeerClient peers;

    MonthlySalesQueries(final StoreRouter router, final PeerClient peers) {
        this.router = router;
        this.peers = peers;
    }

    public Answer<MonthlySalesView> month(final YearMonth month, final Caller caller) {
        final String key = month.toString();
        return router.route(STORE, key, caller,
                partition -> readLocal(key, partition),
                owner -> peers.get(owner, "/sales/monthly/" + key, MonthlySalesView.class, Duration.ZERO, caller));
    }

    public Answer<MonthlySalesRangeView> range(final YearMonth from, final YearMonth to, final Caller caller) {
        final boolean forwarded = caller.forwarded();
        final Map<String, Location> locations = new LinkedHashMap<>();
        final Map<HostInfo, List<String>> remote = new LinkedHashMap<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            final String key = month.toString();
            final Location location = router.locate(STORE, key);
            locations.put(key, location);
            if (!location.readHere(forwarded)) {
                remote.computeIfAbsent(location.active(), host -> new ArrayList<>()).add(key);
            }
        }
        final Map<HostInfo, CompletableFuture<Answer<MonthlySalesBatch>>> requests = new LinkedHashMap<>();
        remote.forEach((host, months) -> requests.put(host,
                peers.getAsync(host, BATCH_PATH + "?months=" + String.join(",", months), MonthlySalesBatch.class, caller)));

        final Map<String, MonthlySalesView> answered = new LinkedHashMap<>();
        OptionalLong lag = OptionalLong.empty();
        for (final Map.Entry<String, Location> entry : locations.entrySet()) {
            if (entry.getValue().readHere(forwarded)) {
                final Answer<MonthlySalesView> answer = readLocal(entry.getKey(), entry.getValue().partition());
                answered.put(entry.getKey(), answer.value());
                lag = Answer.worst(lag, answer.standbyLag());
            }
        }
        for (final Map.Entry<HostInfo, CompletableFuture<Answer<MonthlySalesBatch>>> request : requests.entrySet()) {
            try {
                final Answer<MonthlySalesBatch> batch = request.getValue().join();
                batch.value().months().forEach(view -> answered.put(view.month(), view));
                lag = Answer.worst(lag, batch.standbyLag());
            } catch (final CompletionException e) {
                if (!(e.getCause() instanceof PeerUnavailableException failure)) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
                for (final String key : remote.get(request.getKey())) {
                    final Location location = locations.get(key);
                    final Answer<MonthlySalesView> answer = router.fallback(STORE, location, failure,
                            partition -> readLocal(key, partition));
                    answered.put(key, answer.value());
                    lag = Answer.worst(lag, answer.standbyLag());
                }
            }
        }
        final List<MonthlySalesView> months = new ArrayList<>(locations.size());
        for (final String key : locations.keySet()) {
            final MonthlySalesView view = answered.get(key);
            if (view == null) {
                throw router.unavailable("No instance answered for month " + key);
            }
            months.add(view);
        }
        return new Answer<>(new MonthlySalesRangeView(from.toString(), to.toString(), months, SalesTotal.of(months)), lag);
    }

    /** The months from this instance's own state (active or allowed standby copies), for {@link #BATCH_PATH}. */
    public Answer<MonthlySalesBatch> localBatch(final List<YearMonth> months) {
        final List<MonthlySalesView> views = new ArrayList<>(months.size());
        OptionalLong lag = OptionalLong.empty();
        for (final YearMonth month : months) {
            final String key = month.toString();
            final Answer<MonthlySalesView> answer = readLocal(key, router.locate(STORE, key).partition());
            views.add(answer.value());
            lag = Answer.worst(lag, answer.standbyLag());
        }
        return new Answer<>(new MonthlySalesBatch(views), lag);
    }

    private Answer<MonthlySalesView> readLocal(final String key, final int partition) {
        return router.queryLocal(STORE, partition, KeyQuery.<String, MonthlySales>withKey(key),
                sales -> Views.month(key, sales));
    }
}
