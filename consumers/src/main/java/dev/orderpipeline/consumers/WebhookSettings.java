package dev.orderpipeline.consumers;

import dev.orderpipeline.platform.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How webhooks are called. The URL of a customer comes from the {@link CustomerDirectory}, else
 * {@code defaultUrl}; the body is signed with the customer's secret, else {@code secret}.
 *
 * <p>Endpoints are configuration rather than a topic on purpose: they come with secrets and are changed by
 * operators, not by the order flow, and a topic would need its own schema, access rules and a registration API.
 *
 * @param defaultUrl     URL for customers without one of their own ({@code NOTIFY_WEBHOOK_URL}); without either,
 *                       the notification is dead-lettered as {@code NO_RECIPIENT}
 * @param secret         HMAC-SHA256 key for {@code X-Signature} ({@code NOTIFY_WEBHOOK_SECRET}, required for the
 *                       webhook channel)
 * @param connectTimeout TCP connect bound ({@code NOTIFY_WEBHOOK_CONNECT_TIMEOUT}, 2s)
 * @param requestTimeout bound on one request until the response headers ({@code NOTIFY_WEBHOOK_REQUEST_TIMEOUT}, 5s)
 * @param batchMax       most notifications in one POST ({@code NOTIFY_WEBHOOK_BATCH_MAX}, 1). With 1 every request
 *                       carries one notification object; above 1 the body is {@code {"events":[...]}} holding the
 *                       notifications bound for the same URL and secret that were handed over within
 *                       {@code batchLinger} — for receivers that take batches, at a fraction of the requests
 * @param batchLinger    how long a batch that is not full waits for more ({@code NOTIFY_WEBHOOK_BATCH_LINGER}, 5ms)
 */
public record WebhookSettings(Optional<URI> defaultUrl, String secret, Duration connectTimeout, Duration requestTimeout,
                              int batchMax, Duration batchLinger) {

    public WebhookSettings {
        Objects.requireNonNull(defaultUrl, "defaultUrl");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(batchLinger, "batchLinger");
        if (batchMax < 1) {
            throw new IllegalArgumentException("NOTIFY_WEBHOOK_BATCH_MAX must be at least 1, was " + batchMax);
        }
        if (batchLinger.isNegative()) {
            throw new IllegalArgumentException("NOTIFY_WEBHOOK_BATCH_LINGER must not be negative");
        }
    }

    /** One notification per request, the given URL and secret, default timeouts. */
    public WebhookSettings(final Optional<URI> defaultUrl, final String secret, final Duration connectTimeout,
                           final Duration requestTimeout) {
        this(defaultUrl, secret, connectTimeout, requestTimeout, 1, Duration.ofMillis(5));
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(Optional.empty(), "", Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** Whether notifications are POSTed in batches. */
    public boolean batched() {
        return batchMax > 1;
    }

    public WebhookSettings withBatches(final int max, final Duration linger) {
        return new WebhookSettings(defaultUrl, secret, connectTimeout, requestTimeout, max, linger);
    }

    public static WebhookSettings from(final Env env) {
        final WebhookSettings d = defaults();
        return new WebhookSettings(
                env.get("NOTIFY_WEBHOOK_URL").map(URI::create),
                env.string("NOTIFY_WEBHOOK_SECRET", d.secret()),
                env.duration("NOTIFY_WEBHOOK_CONNECT_TIMEOUT", d.connectTimeout()),
                env.duration("NOTIFY_WEBHOOK_REQUEST_TIMEOUT", d.requestTimeout()),
                env.integer("NOTIFY_WEBHOOK_BATCH_MAX", d.batchMax()),
                env.duration("NOTIFY_WEBHOOK_BATCH_LINGER", d.batchLinger()));
    }
}
