package dev.orderpipeline.projections.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A plain HTTP client for the tests, with bounded timeouts so a hung server fails the test instead of hanging it. */
public final class Http implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    public HttpResponse<String> get(final String url) {
        return get(url, Map.of());
    }

    /** A GET with extra headers, e.g. credentials. */
    public HttpResponse<String> get(final String url, final Map<String, String> headers) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public CompletableFuture<HttpResponse<String>> getAsync(final String url, final Duration timeout) {
        return client.sendAsync(request(url, timeout), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode json(final HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest request(final String url, final Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    }

    @Override
    public void close() {
        client.close();
    }
}
