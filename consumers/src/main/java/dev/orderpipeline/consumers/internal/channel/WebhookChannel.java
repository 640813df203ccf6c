package dev.orderpipeline.consumers.internal.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.consumers.ChannelKind;
import dev.orderpipeline.consumers.CustomerDirectory;
import dev.orderpipeline.consumers.WebhookSettings;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs each notification as signed JSON to the customer's webhook. One {@link HttpClient} keeps a pool of
 * keep-alive HTTP/1.1 connections per host; concurrency is bounded by the dispatcher. Every request carries the
 * event id in {@code Idempotency-Key} and {@code X-Event-Id}, so a receiver can drop the rare re-send (see the
 * package docs of {@code dev.orderpipeline.consumers}).
 *
 * <p>With {@link WebhookSettings#batched()} the notifications bound for the same URL and secret are gathered by
 * {@link WebhookBatches} and POSTed together as {@code {"events":[...]}}; {@value #EVENT_COUNT_HEADER} says how
 * many, {@code Idempotency-Key} is derived from the event ids (the same batch sent again carries the same key) and
 * the receiver dedupes by each event's {@code eventId}. The answer settles every notification of the batch.
 *
 * <p>Answers: 2xx delivered; 408/425/429 and 5xx transient; any other status permanent (a 4xx will not change by
 * retrying, and redirects are not followed: a moved endpoint is a configuration error); timeouts and I/O errors
 * transient.
 */
public final class WebhookChannel implements Channel {

    /** Header with the event id, for receivers that dedupe. */
    public static final String EVENT_ID_HEADER = "X-Event-Id";
    /** The conventional idempotency header, same value as {@link #EVENT_ID_HEADER}. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Header of a batch request: how many events its body holds. */
    public static final String EVENT_COUNT_HEADER = "X-Event-Count";
    private static final Set<Integer> THROTTLING = Set.of(408, 425, 429);
    private static final int MAX_SNIPPET = 200;

    private final WebhookSettings settings;
    private final CustomerDirectory customers;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final WebhookBatches batches;

    public WebhookChannel(final WebhookSettings settings, final CustomerDirectory customers) {
        this.settings = settings;
        this.customers = customers;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.batches = settings.batched()
                ? new WebhookBatches(settings.batchMax(), settings.batchLinger(), this::sendBatch)
                : null;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBHOOK;
    }

    @Override
    public Resolution resolve(final NotificationRequested notification) {
        final Optional<URI> url = customers.contact(notification.getCustomerId()).webhookUrl().or(settings::defaultUrl);
        if (url.isEmpty()) {
            return Resolution.unresolved(FailureCode.NO_RECIPIENT,
                    "No webhook URL for customer " + notification.getCustomerId() + " and no default");
        }
        final URI uri = url.get();
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Resolution.unresolved(FailureCode.NO_RECIPIENT, "Webhook URL " + uri + " is not an http(s) URL");
        }
        final int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return Resolution.of(new Recipient(uri.getHost() + ":" + port, uri.toString()));
    }

    @Override
    public CompletableFuture<DeliveryOutcome> send(final NotificationRequested notification, final Recipient recipient) {
        final String secret = customers.contact(notification.getCustomerId()).webhookSecret().orElse(settings.secret());
        if (batches != null) {
            return batches.add(recipient.address(), secret, notification);
        }
        final byte[] body;
        try {
            body = json.writeValueAsBytes(WebhookPayload.of(notification));
        } catch (final JsonProcessingException e) {
            return CompletableFuture.completedFuture(DeliveryOutcome.permanentFailure(FailureCode.INVALID_NOTIFICATION,
                    "Cannot encode notification as JSON: " + e.getMessage(), e));
        }
        return post(recipient.address(), secret, body, notification.getEventId(), EVENT_ID_HEADER,
                notification.getEventId());
    }

    /** One POST of a batch gathered by {@link WebhookBatches}. */
    private CompletableFuture<DeliveryOutcome> sendBatch(final String url, final String secret,
                                                         final List<NotificationRequested> batch) {
        final List<String> ids = batch.stream().map(NotificationRequested::getEventId).toList();
        final byte[] body;
        try {
            body = json.writeValueAsBytes(new WebhookPayload.Batch(batch.stream().map(WebhookPayload::of).toList()));
        } catch (final JsonProcessingException e) {
            return CompletableFuture.completedFuture(DeliveryOutcome.permanentFailure(FailureCode.INVALID_NOTIFICATION,
                    "Cannot encode notifications " + ids + " as JSON: " + e.getMessage(), e));
        }
        return post(url, secret, body, WebhookPayload.Batch.idempotencyKey(ids), EVENT_COUNT_HEADER,
                Integer.toString(batch.size()));
    }

    /** POSTs a signed body; {@code header} names what the body holds (the event id, or the batch's count). */
    private CompletableFuture<DeliveryOutcome> post(final String url, final String secret, final byte[] body,
                                                    final String idempotencyKey, final String header,
                                                    final String value) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "orderpipeline-notifications")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
                .header(IDEMPOTENCY_KEY_HEADER, idempotencyKey)
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        // The request timeout covers the wait for response headers; this guard also bounds reading an error body.
        final long guardMs = settings.requestTimeout().toMillis() * 2 + settings.connectTimeout().toMillis();
        return http.sendAsync(request, errorBodyOnly())
                .orTimeout(guardMs, TimeUnit.MILLISECONDS)
                .handle(WebhookChannel::classify);
    }

    /** Keeps the body only of non-2xx answers, for the dead-letter message; success bodies are discarded unread. */
    private static HttpResponse.BodyHandler<String> errorBodyOnly() {
        return info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.replacing("")
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    }

    static DeliveryOutcome classify(final HttpResponse<String> response, final Throwable error) {
        if (error != null) {
            return classifyError(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        }
        final int status = response.statusCode();
        if (status / 100 == 2) {
            return DeliveryOutcome.delivered();
        }
        final String message = "HTTP " + status + snippet(response.body());
        if (THROTTLING.contains(status)) {
            return DeliveryOutcome.transientFailure(FailureCode.THROTTLED, message, null);
        }
        if (status / 100 == 5) {
            return DeliveryOutcome.transientFailure(FailureCode.SERVER_ERROR, message, null);
        }
        return DeliveryOutcome.permanentFailure(FailureCode.WEBHOOK_REJECTED, message, null);
    }

    private static DeliveryOutcome classifyError(final Throwable error) {
        if (error instanceof HttpTimeoutException || error instanceof TimeoutException) {
            return DeliveryOutcome.transientFailure(FailureCode.TIMEOUT, "No answer in time: " + error, error);
        }
        if (error instanceof ConnectException || error instanceof IOException) {
            return DeliveryOutcome.transientFailure(FailureCode.CONNECTION_FAILED, error.toString(), error);
        }
        return DeliveryOutcome.transientFailure(FailureCode.UNEXPECTED, error.toString(), error);
    }

    private static String snippet(final String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        final String trimmed = body.strip();
        return ": " + (trimmed.length() > MAX_SNIPPET ? trimmed.substring(0, MAX_SNIPPET) + "…" : trimmed);
    }

    /** The HTTP client opens a pooled connection per concurrent request; the dispatcher's limit applies. */
    @Override
    public int maxConcurrency() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void close() {
        if (batches != null) {
            batches.close();
        }
        http.close();
    }
}
