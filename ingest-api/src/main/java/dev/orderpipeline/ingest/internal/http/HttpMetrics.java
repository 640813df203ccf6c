package dev.orderpipeline.ingest.internal.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request metrics of the ingest routes: {@code http.server.requests} (a timer with a Prometheus histogram, tagged
 * by method, route template, status and outcome, so rate, latency percentiles and error rate per route come from
 * one meter) and {@code http.server.requests.active} (requests in flight). Tags are route templates
 * ({@code /orders/{id}}), never raw paths, to keep cardinality bounded. Percentiles come from the histogram on the
 * server side, because, unlike client-side percentiles, histograms add up across instances:
 * <pre>
 * p99:        histogram_quantile(0.99, sum by (le, route) (rate(http_server_requests_seconds_bucket[5m])))
 * rate:       sum by (route, status) (rate(http_server_requests_seconds_count[1m]))
 * error rate: sum(rate(http_server_requests_seconds_count{outcome="SERVER_ERROR"}[5m]))
 *               / sum(rate(http_server_requests_seconds_count[5m]))
 * </pre>
 */
public final class HttpMetrics {

    private static final String START = HttpMetrics.class.getName() + ".start";

    /** What a timer is told apart by. */
    private record Series(HandlerType method, String route, int status) {
    }

    private final Meter.MeterProvider<Timer> requests;
    /** The provider's own lookup builds and sorts the tags on every call; this finds the timer from a record. */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();

    public HttpMetrics(final MeterRegistry registry) {
        this.requests = Timer.builder("http.server.requests")
                .description("HTTP requests by method, route, status and outcome")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .withRegistry(registry);
        Gauge.builder("http.server.requests.active", active, AtomicInteger::get)
                .description("HTTP requests in flight").register(registry);
    }

    public void before(final Context ctx) {
        ctx.attribute(START, System.nanoTime());
        active.incrementAndGet();
    }

    public void after(final Context ctx) {
        final Long started = ctx.attribute(START);
        if (started == null) {
            return;
        }
        active.decrementAndGet();
        timers.computeIfAbsent(new Series(ctx.method(), route(ctx), ctx.statusCode()), this::timer)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Timer timer(final Series series) {
        return requests.withTags("method", series.method().name(), "route", series.route(), "status",
                Integer.toString(series.status()), "outcome", outcome(series.status()));
    }

    private static String route(final Context ctx) {
        final Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? "UNMATCHED" : matched.path;
    }

    private static String outcome(final int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        return status >= 300 ? "REDIRECTION" : "SUCCESS";
    }
}
