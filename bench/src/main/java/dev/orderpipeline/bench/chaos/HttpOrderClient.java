package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.bench.load.HttpConnection;
import dev.orderpipeline.bench.load.HttpReply;
import dev.orderpipeline.bench.load.HttpRequestBytes;
import dev.orderpipeline.bench.process.Waits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP side of the chaos traffic for one worker: places orders and requests cancellations the way a careful
 * client does — every order with an {@code Idempotency-Key}, retried with the same key after a 5xx (waiting what
 * {@code Retry-After} says) or a broken connection (on the next ingest instance), until a 202 or the attempts run
 * out. Every answer is recorded in the ledger. One per worker thread: connections are not shared.
 */
final class HttpOrderClient implements AutoCloseable {

    private static final int ATTEMPTS = 60;
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final List<String> hosts;
    private final Map<String, HttpConnection> connections = new HashMap<>();
    private final TrafficLedger ledger;

    /** @param hosts {@code host:port} of every ingest instance */
    HttpOrderClient(final List<String> hosts, final TrafficLedger ledger) {
        this.hosts = List.copyOf(hosts);
        this.ledger = ledger;
    }

    /** Places the order; returns the order id of the 202, or empty when every attempt failed. */
    Optional<String> place(final String idempotencyKey, final ChaosOrder order) {
        final Map<String, String> headers = Map.of("X-API-Key", "dev-admin-key", "Idempotency-Key", idempotencyKey);
        final Optional<HttpReply> accepted = send("POST /orders", order.index(),
                host -> HttpRequestBytes.json("POST", host, "/orders", headers, order.json()));
        final Optional<String> orderId = accepted.flatMap(reply -> reply.header("location"))
                .map(location -> location.substring(location.lastIndexOf('/') + 1));
        orderId.ifPresentOrElse(id -> ledger.httpAccepted(idempotencyKey, id), () -> ledger.httpGaveUp(idempotencyKey));
        return orderId;
    }

    /** Requests cancellation; true when ingest accepted it (202). */
    boolean cancel(final String orderId, final long index) {
        final boolean accepted = send("DELETE /orders/" + orderId, index, host -> HttpRequestBytes.delete(host,
                "/orders/" + orderId, Map.of("X-API-Key", "dev-admin-key"))).isPresent();
        if (accepted) {
            ledger.cancellationAcked(orderId);
        }
        return accepted;
    }

    private interface RequestFor {
        HttpRequestBytes on(String host);
    }

    private Optional<HttpReply> send(final String what, final long index, final RequestFor request) {
        int instance = (int) (index % hosts.size());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            final String host = hosts.get(instance);
            try {
                final HttpReply reply = connection(host).exchange(request.on(host));
                ledger.httpStatus(reply.status(), reply.header("retry-after").isPresent(), what);
                if (reply.status() == 202) {
                    return Optional.of(reply);
                }
                if (reply.status() < 500) {
                    return Optional.empty();
                }
                Waits.pause(retryAfter(reply));
            } catch (final IOException e) {
                ledger.httpIoError();
                instance = (instance + 1) % hosts.size();
                Waits.pause(Duration.ofMillis(500));
            }
        }
        return Optional.empty();
    }

    private static Duration retryAfter(final HttpReply reply) {
        try {
            final long seconds = Long.parseLong(reply.header("retry-after").orElse("1").trim());
            final Duration wait = Duration.ofSeconds(Math.max(0, seconds));
            return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.isZero() ? Duration.ofMillis(200) : wait;
        } catch (final NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private HttpConnection connection(final String host) {
        return connections.computeIfAbsent(host, h -> {
            final String[] parts = h.split(":");
            return new HttpConnection(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])),
                    Duration.ofSeconds(15));
        });
    }

    @Override
    public void close() {
        connections.values().forEach(HttpConnection::close);
    }
}
