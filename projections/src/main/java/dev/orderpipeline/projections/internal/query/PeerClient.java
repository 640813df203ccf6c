package dev.orderpipeline.projections.internal.query;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.http.ProblemException;
import dev.orderpipeline.projections.ProjectionsConfig.QuerySettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends queries to other instances of this application over HTTP and reads their answers back into view records.
 *
 * <p>One {@link HttpClient} per instance: it keeps HTTP/1.1 connections to each peer alive and reuses them, so a
 * forwarded read costs a request, not a TCP handshake. Every request has a connect timeout and a whole-request
 * timeout (plus the wait of a long-poll), so a dead or hung peer costs a bounded time and ends in
 * {@link PeerUnavailableException}. Every request carries {@link #FORWARDED_BY}: an instance receiving it answers from
 * its own state only and never forwards again, so two instances with different views of the assignment cannot bounce
 * a request between them. The caller's credentials go along ({@link Caller}): the owner checks them itself.
 */
public final class PeerClient implements AutoCloseable {

    /** Loop protection: set on forwarded requests, names the forwarding instance. */
    public static final String FORWARDED_BY = "X-Projections-Forwarded-By";
    /** Set on answers read from a standby copy: {@code lag=<records behind>}. */
    public static final String SERVED_BY_STANDBY = "X-Served-By-Standby";

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final ObjectMapper json;
    private final String self;
    private final String scheme;
    private final Duration timeout;
    /** Ends a fan-out request even if the client's own timeouts do not fire (they bound connect and headers). */
    private final Duration backstop;
    private final ProjectionsMeters meters;

    public PeerClient(final QuerySettings settings, final String self, final ProjectionsMeters meters) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.peerConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        // A peer on a newer version may add fields; an older reader must not fail on them.
        this.json = JsonMappers.create().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.self = self;
        this.scheme = settings.peerScheme();
        this.timeout = settings.peerTimeout();
        this.backstop = settings.peerTimeout().plus(settings.peerConnectTimeout()).plusSeconds(1);
        this.meters = meters;
    }

    /**
     * GETs {@code pathAndQuery} from the peer and reads a 200 body as {@code type}.
     *
     * @param wait   how long the peer may legitimately hold the request (a long-poll), on top of the peer timeout
     * @param caller whose credentials to pass on
     * @throws ProblemException         404 when the peer knows the key does not exist
     * @throws PeerUnavailableException when the peer cannot answer now
     */
    public <T> Answer<T> get(final HostInfo peer, final String pathAndQuery, final Class<T> type, final Duration wait,
                             final Caller caller) {
        try {
            return read(peer, http.send(request(peer, pathAndQuery, wait, caller), HttpResponse.BodyHandlers.ofByteArray()),
                    type);
        } catch (final IOException e) {
            meters.peerFailed();
            throw new PeerUnavailableException(peer, e.toString(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            meters.peerFailed();
            throw new PeerUnavailableException(peer, "interrupted", e);
        }
    }

    /** Like {@link #get} without a wait, for fan-out; the future fails with the same exceptions. */
    public <T> CompletableFuture<Answer<T>> getAsync(final HostInfo peer, final String pathAndQuery, final Class<T> type,
                                                     final Caller caller) {
        return http.sendAsync(request(peer, pathAndQuery, Duration.ZERO, caller), HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(backstop.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        meters.peerFailed();
                        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw new PeerUnavailableException(peer, cause.toString(), cause);
                    }
                    return read(peer, response, type);
                });
    }

    /** A path segment or query value, percent-encoded. */
    public static String encode(final String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest request(final HostInfo peer, final String pathAndQuery, final Duration wait,
                                final Caller caller) {
        final HttpRequest.Builder request = HttpRequest
                .newBuilder(URI.create(scheme + "://" + peer.host() + ":" + peer.port() + pathAndQuery))
                .timeout(timeout.plus(wait))
                .header(FORWARDED_BY, self)
                .header("Accept", "application/json")
                .GET();
        caller.headers().forEach(request::header);
        return request.build();
    }

    private <T> Answer<T> read(final HostInfo peer, final HttpResponse<byte[]> response, final Class<T> type) {
        final int status = response.statusCode();
        if (status == 200) {
            final T value;
            try {
                value = json.readValue(response.body(), type);
            } catch (final IOException e) {
                meters.peerFailed();
                throw new PeerUnavailableException(peer, "unreadable answer: " + e.getMessage(), e);
            }
            meters.peerAnswered();
            final OptionalLong lag = response.headers().firstValue(SERVED_BY_STANDBY)
                    .map(PeerClient::lag).orElse(OptionalLong.empty());
            return new Answer<>(value, lag);
        }
        if (status == 404) {
            meters.peerAnswered();
            throw ProblemException.notFound(detail(response));
        }
        meters.peerFailed();
        throw new PeerUnavailableException(peer, "answered " + status + " (" + detail(response) + ")", null);
    }

    private String detail(final HttpResponse<byte[]> response) {
        try {
            final JsonNode problem = json.readTree(response.body());
            return problem.path("detail").asText("no detail");
        } catch (final IOException | RuntimeException e) {
            return "no readable detail";
        }
    }

    private static OptionalLong lag(final String header) {
        try {
            return header.startsWith("lag=") ? OptionalLong.of(Long.parseLong(header.substring(4))) : OptionalLong.of(0);
        } catch (final NumberFormatException e) {
            return OptionalLong.of(0);
        }
    }

    /** Closes pooled connections and the client's threads. */
    @Override
    public void close() {
        http.close();
        executor.close();
    }
}
