package dev.orderpipeline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private static final long STALL_MILLIS = 600;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            if (requests.incrementAndGet() == 20) {
                try {
                    // a server pause (GC, rebalance): the one slow answer the generator must not hide
                    never.await(STALL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private LoadGenerator generator() {
        return new LoadGenerator(new InetSocketAddress("127.0.0.1", server.getAddress().getPort()), Progress.silent());
    }

    private HttpRequestBytes request() {
        return HttpRequestBytes.get("127.0.0.1:" + server.getAddress().getPort(), "/", Map.of());
    }

    @Test
    void shouldChargeRequestsDueDuringAStallWithTheWaitOpenLoop() {
        // Given: 100 requests/s on one connection; request 20 stalls the server for 600 ms
        final HttpRequestBytes request = request();

        // When
        final LoadResult result = generator().openLoop("stall", 100, 1, Duration.ofSeconds(2), i -> request);

        // Then: the ~60 requests that fell due during the stall waited behind it, so more than 1 % of all requests
        // show at least several hundred ms (a closed-loop or uncorrected view would show a single slow sample)
        assertThat(result.succeeded()).isBetween(190L, 201L);
        assertThat(result.latency().p99Millis()).isGreaterThan(300);
        assertThat(result.latency().p50Millis()).isLessThan(STALL_MILLIS);
        assertThat(result.offeredRate()).isEqualTo(100);
    }

    @Test
    void shouldRecordOnlyServiceTimesClosedLoop() {
        final HttpRequestBytes request = request();

        final LoadResult result = generator().closedLoop("closed", 1, Duration.ofSeconds(1), i -> request);

        // the stall is one slow sample among many fast ones: a closed loop measures service times only
        assertThat(result.succeeded()).isGreaterThan(30);
        assertThat(result.latency().maxMillis()).isGreaterThanOrEqualTo(STALL_MILLIS - 50);
        assertThat(result.failed()).isZero();
    }

    @Test
    void shouldCountConnectionFailures() {
        // Given: the server is gone
        final HttpRequestBytes request = request();
        server.stop(0);

        // When
        final LoadResult result = generator().openLoop("gone", 50, 2, Duration.ofMillis(500), i -> request);

        // Then
        assertThat(result.succeeded()).isZero();
        assertThat(result.ioErrors()).isPositive();
    }
}
