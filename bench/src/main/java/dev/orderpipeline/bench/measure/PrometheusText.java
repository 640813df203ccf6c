package dev.orderpipeline.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads one meter from a service's {@code /metrics} (Prometheus text format): the sum of every sample of the metric
 * whose labels contain all the given {@code name="value"} pairs. Used to learn from the service itself what it did,
 * e.g. whether a query was forwarded to another instance.
 */
public final class PrometheusText {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusText() {
    }

    /** Scrapes {@code url} and sums the matching samples; 0 when none matches. */
    public static double scrape(final URI url, final String metric, final String... labels) {
        try {
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return sum(response.body(), metric, labels);
        } catch (final IOException e) {
            throw new IllegalStateException("Cannot scrape " + url + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Sums the samples of {@code metric} in a scrape whose labels contain every pair in {@code labels}. */
    static double sum(final String text, final String metric, final String... labels) {
        double total = 0;
        for (final String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            final int valueAt = line.lastIndexOf(' ');
            final String series = line.substring(0, valueAt);
            if (!series.equals(metric) && !series.startsWith(metric + "{")) {
                continue;
            }
            boolean matches = true;
            for (final String label : labels) {
                matches &= series.contains(label);
            }
            if (matches) {
                total += Double.parseDouble(line.substring(valueAt + 1).trim());
            }
        }
        return total;
    }
}
