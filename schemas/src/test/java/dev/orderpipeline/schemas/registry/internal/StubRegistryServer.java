package dev.orderpipeline.schemas.registry.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server standing in for a Confluent Schema Registry: it records every request and answers with
 * canned responses in order, then with the fallback answer. For testing the REST client's protocol handling
 * (paths, bodies, headers, error mapping, retries) without a real registry.
 */
final class StubRegistryServer implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String rawPath, String rawQuery, String contentType, String authorization, String body) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Answer fallback = new Answer(500, "{\"error_code\":500,\"message\":\"no scripted answer\"}");

    private StubRegistryServer(final HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port. */
    static StubRegistryServer start() {
        try {
            final HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            final StubRegistryServer stub = new StubRegistryServer(http);
            http.createContext("/", stub::handle);
            http.start();
            return stub;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start the stub registry", e);
        }
    }

    /** Answers the next unanswered request with this status and JSON body. */
    StubRegistryServer thenAnswer(final int status, final String body) {
        script.add(new Answer(status, body));
        return this;
    }

    /** Answers every request after the scripted ones with this status and JSON body. */
    StubRegistryServer otherwiseAnswer(final int status, final String body) {
        fallback = new Answer(status, body);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            final Answer scripted = script.poll();
            final Answer answer = scripted != null ? scripted : fallback;
            final byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
