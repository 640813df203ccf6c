package dev.orderpipeline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

    private HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/fixed", exchange -> {
            final byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "2");
            exchange.sendResponseHeaders(503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("part one, ".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("part two".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/echo", exchange -> {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private HttpConnection connect() {
        connections.incrementAndGet();
        return new HttpConnection(new InetSocketAddress("127.0.0.1", server.getAddress().getPort()),
                Duration.ofSeconds(5));
    }

    private String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void shouldReadAFixedLengthAnswerWithItsHeaders() throws IOException {
        // Given
        try (HttpConnection connection = connect()) {
            // When
            final HttpReply reply = connection.exchange(HttpRequestBytes.get(host(), "/fixed", Map.of()));

            // Then
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).contains("2");
            assertThat(reply.bodyText()).isEqualTo("{\"ok\":true}");
        }
    }

    @Test
    void shouldReadAChunkedAnswer() throws IOException {
        try (HttpConnection connection = connect()) {
            final HttpReply reply = connection.exchange(HttpRequestBytes.get(host(), "/chunked", Map.of()));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.bodyText()).isEqualTo("part one, part two");
        }
    }

    @Test
    void shouldSendBodiesAndKeepTheConnectionForTheNextRequest() throws IOException {
        try (HttpConnection connection = connect()) {
            for (int i = 0; i < 50; i++) {
                final HttpReply reply = connection.exchange(HttpRequestBytes.json("POST", host(), "/echo", Map.of(),
                        "{\"n\":" + i + "}"));
                assertThat(reply.status()).isEqualTo(202);
                assertThat(reply.bodyText()).isEqualTo("{\"n\":" + i + "}");
            }
        }
    }

    @Test
    void shouldFailOnAClosedPortAndRecoverOnceTheServerIsBack() {
        // Given: nothing listens
        final int port = server.getAddress().getPort();
        server.stop(0);
        try (HttpConnection connection = new HttpConnection(new InetSocketAddress("127.0.0.1", port),
                Duration.ofSeconds(2))) {
            // When / Then
            assertThatThrownBy(() -> connection.exchange(HttpRequestBytes.get(host(), "/fixed", Map.of())))
                    .isInstanceOf(IOException.class);
        }
    }
}
