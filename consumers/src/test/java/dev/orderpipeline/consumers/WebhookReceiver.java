package dev.orderpipeline.consumers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for customers' webhooks: each path answers from a script of replies (the last
 * one repeats), at once or after a delay, and every request is recorded. Delayed replies are scheduled, so no
 * server thread sleeps.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One scripted answer. */
    record Reply(int status, Duration delay, String body) {
        static Reply ok() {
            return new Reply(204, Duration.ZERO, "");
        }

        static Reply status(final int status) {
            return new Reply(status, Duration.ZERO, "status " + status);
        }

        static Reply slow(final Duration delay) {
            return new Reply(204, delay, "");
        }
    }

    /** One recorded request. */
    record Received(String path, Map<String, String> headers, byte[] body) {
        String header(final String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(final String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers requests to {@code path} with these replies in order, repeating the last; default 204 at once. */
    void script(final String path, final Reply... replies) {
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
    }

    List<Received> received(final String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    long receivedWithEventId(final String path, final String eventId) {
        return received(path).stream().filter(r -> eventId.equals(r.header("X-Event-Id"))).count();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        final Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
        final String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, Map.copyOf(headers), body));
        final Reply reply = next(path);
        if (reply.delay().isZero()) {
            respond(exchange, reply);
        } else {
            delays.schedule(() -> respond(exchange, reply), reply.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Reply next(final String path) {
        final Deque<Reply> script = scripts.get(path);
        if (script == null) {
            return Reply.ok();
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    private static void respond(final HttpExchange exchange, final Reply reply) {
        try (exchange) {
            final byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (final IOException e) {
            // The client gave up (timeout) before a delayed reply: exactly what slow replies are for.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        workers.shutdownNow();
    }
}
