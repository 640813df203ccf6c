package dev.orderpipeline.bench.load;

import dev.orderpipeline.bench.process.Waits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Runs HTTP load against one server on loopback, closed- or open-loop.
 *
 * <p><b>Closed loop</b> ({@link #closedLoop}): each of N connections sends its next request as soon as the previous
 * one is answered; the throughput is the server's capacity at that concurrency, the latency is the service time.
 *
 * <p><b>Open loop</b> ({@link #openLoop}): request <i>i</i> is due at {@code start + i / rate}, whoever sends it.
 * Workers take the next due request, wait until it is due, send it, and record the latency from <em>due</em> to
 * answered. When the server stalls, due requests pile up and their waiting counts — the coordinated-omission
 * correction. Requests still waiting {@code drain} after the run's end are counted as unsent.
 */
public final class LoadGenerator {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final InetSocketAddress target;
    private final Progress progress;

    public LoadGenerator(final InetSocketAddress target, final Progress progress) {
        this.target = target;
        this.progress = progress;
    }

    /** Every request of a run: request number → bytes to send. */
    public interface Requests extends LongFunction<HttpRequestBytes> {
    }

    /** Sees every answer, e.g. to learn the order id a POST created. Called on the worker thread. */
    public interface Listener {
        /**
         * @param request  the request number
         * @param dueNanos when the request was due ({@link System#nanoTime()})
         * @param reply    the answer
         */
        void onReply(long request, long dueNanos, HttpReply reply);
    }

    private static final Listener IGNORE = (request, due, reply) -> { };

    /** Fixed concurrency for a fixed time. */
    public LoadResult closedLoop(final String label, final int connections, final Duration duration,
                                 final Requests requests) {
        return run(label, 0, connections, duration, requests, IGNORE);
    }

    /** Fixed offered rate (requests per second) for a fixed time, on up to {@code connections} connections. */
    public LoadResult openLoop(final String label, final double rate, final int connections, final Duration duration,
                               final Requests requests) {
        return openLoop(label, rate, connections, duration, requests, IGNORE);
    }

    /** As {@link #openLoop(String, double, int, Duration, Requests)}, showing every answer to {@code listener}. */
    public LoadResult openLoop(final String label, final double rate, final int connections, final Duration duration,
                               final Requests requests, final Listener listener) {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        return run(label, rate, connections, duration, requests, listener);
    }

    private LoadResult run(final String label, final double rate, final int connections, final Duration duration,
                           final Requests requests, final Listener listener) {
        final Run run = new Run(rate, duration, requests, listener);
        progress.begin(label);
        final List<Thread> workers = new ArrayList<>(connections);
        for (int c = 0; c < connections; c++) {
            workers.add(Thread.ofVirtual().name("load-" + c).start(run::work));
        }
        while (workers.stream().anyMatch(Thread::isAlive)) {
            final double elapsed = (System.nanoTime() - run.start) / (double) duration.toNanos();
            progress.update(elapsed, String.format("%,d ok", run.succeeded.get()));
            Waits.pause(Duration.ofMillis(100));
        }
        final LoadResult result = run.result(label, connections);
        progress.done(String.format("%,.0f req/s, p50 %.2f ms, p99 %.2f ms%s", result.throughput(),
                result.latency().p50Millis(), result.latency().p99Millis(),
                result.failed() > 0 ? ", " + result.failed() + " failed" : ""));
        return result;
    }

    /** State of one run, shared by its workers. */
    private final class Run {

        private final double rate;
        private final long intervalNanos;
        private final long start;
        private final long end;
        private final long giveUp;
        private final Requests requests;
        private final Listener listener;
        private final AtomicLong nextRequest = new AtomicLong();
        private final AtomicLong succeeded = new AtomicLong();
        private final AtomicLong clientErrors = new AtomicLong();
        private final AtomicLong serverErrors = new AtomicLong();
        private final AtomicLong ioErrors = new AtomicLong();
        private final AtomicLong unsent = new AtomicLong();
        private final AtomicLong lastAnswer = new AtomicLong();
        private final AtomicLongArray perSecond;
        private final List<Histogram> histograms = new ArrayList<>();

        Run(final double rate, final Duration duration, final Requests requests, final Listener listener) {
            this.rate = rate;
            this.listener = listener;
            this.intervalNanos = rate > 0 ? Math.max(1, Math.round(1e9 / rate)) : 0;
            this.requests = requests;
            this.start = System.nanoTime() + Duration.ofMillis(20).toNanos();
            this.end = start + duration.toNanos();
            this.giveUp = end + DRAIN.toNanos();
            this.perSecond = new AtomicLongArray((int) (duration.toSeconds() + DRAIN.toSeconds() + 2));
        }

        void work() {
            final Histogram histogram = new Histogram(3);
            synchronized (histograms) {
                histograms.add(histogram);
            }
            try (HttpConnection connection = new HttpConnection(target, SOCKET_TIMEOUT)) {
                Waits.pauseUntil(start);
                while (true) {
                    final long i = nextRequest.getAndIncrement();
                    final long due = rate > 0 ? start + i * intervalNanos : System.nanoTime();
                    if (due >= end) {
                        return;
                    }
                    if (System.nanoTime() >= giveUp) {
                        unsent.incrementAndGet();
                        continue;
                    }
                    Waits.pauseUntil(due);
                    send(connection, i, requests.apply(i), due, histogram);
                }
            }
        }

        private void send(final HttpConnection connection, final long i, final HttpRequestBytes request,
                          final long due, final Histogram histogram) {
            try {
                final HttpReply reply = connection.exchange(request);
                final long now = System.nanoTime();
                histogram.recordValue(Math.max(1, (now - due) / 1_000));
                final int second = (int) ((now - start) / 1_000_000_000L);
                if (second >= 0 && second < perSecond.length()) {
                    perSecond.incrementAndGet(second);
                }
                lastAnswer.accumulateAndGet(now, Math::max);
                listener.onReply(i, due, reply);
                switch (reply.status() / 100) {
                    case 2, 3 -> succeeded.incrementAndGet();
                    case 4 -> clientErrors.incrementAndGet();
                    default -> serverErrors.incrementAndGet();
                }
            } catch (final IOException | RuntimeException e) {
                ioErrors.incrementAndGet();
            }
        }

        LoadResult result(final String label, final int connections) {
            final Histogram all = new Histogram(3);
            synchronized (histograms) {
                histograms.forEach(all::add);
            }
            final long elapsed = rate > 0 ? Math.max(end, lastAnswer.get()) - start : lastAnswer.get() - start;
            final int seconds = (int) Math.min(perSecond.length(), Math.ceil(Math.max(elapsed, 1) / 1e9));
            final List<Long> timeline = new ArrayList<>(seconds);
            for (int s = 0; s < seconds; s++) {
                timeline.add(perSecond.get(s));
            }
            return new LoadResult(label, rate, connections, Math.max(elapsed, 1), succeeded.get(),
                    clientErrors.get(), serverErrors.get(), ioErrors.get(), unsent.get(), all, timeline);
        }
    }
}
