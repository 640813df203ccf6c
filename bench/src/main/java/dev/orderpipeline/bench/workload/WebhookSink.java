package dev.orderpipeline.bench.workload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook endpoint that answers 204 at once, on loopback, counting deliveries: requests, event ids received (one
 * per single request, several per batch request; an id received twice is a duplicate delivery), distinct event ids,
 * first and last arrival, and events per second. Needs
 * {@code -Dsun.net.httpserver.nodelay=true} (set by {@code scripts/bench}), or the JDK server answers keep-alive
 * requests ~40 ms late (Nagle and delayed ACK) and would be the bottleneck.
 */
final class WebhookSink implements AutoCloseable {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> events = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final List<Long> perSecond = new ArrayList<>();
    private volatile long firstNanos;
    private volatile long lastNanos;

    WebhookSink() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open the webhook sink", e);
        }
        server.setExecutor(executor);
        server.createContext("/hook", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            final Matcher id = EVENT_ID.matcher(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            int received = 0;
            while (id.find()) {
                received++;
                events.add(id.group(1));
            }
            deliveries.addAndGet(received);
            final long now = System.nanoTime();
            synchronized (perSecond) {
                if (requests.getAndIncrement() == 0) {
                    firstNanos = now;
                }
                lastNanos = now;
                final int second = (int) ((now - firstNanos) / 1_000_000_000L);
                while (perSecond.size() <= second) {
                    perSecond.add(0L);
                }
                perSecond.set(second, perSecond.get(second) + received);
            }
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    long distinctEvents() {
        return events.size();
    }

    long requests() {
        return requests.get();
    }

    /** Event ids received, counting every re-delivery; a batch request holds several. */
    long deliveries() {
        return deliveries.get();
    }

    /** Distinct deliveries per second between the first and the last request. */
    double rate() {
        final long span = lastNanos - firstNanos;
        return events.size() < 2 || span <= 0 ? 0 : (events.size() - 1) / (span / 1e9);
    }

    List<Long> perSecond() {
        synchronized (perSecond) {
            return List.copyOf(perSecond);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
