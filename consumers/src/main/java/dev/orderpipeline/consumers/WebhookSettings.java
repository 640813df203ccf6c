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
 */
public record WebhookSettings(Optional<URI> defaultUrl, String secret, Duration connectTimeout, Duration requestTimeout) {

    public WebhookSettings {
        Objects.requireNonNull(defaultUrl, "defaultUrl");
        Objects.requireNonNull(secret, "secret");
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(Optional.empty(), "", Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    public static WebhookSettings from(final Env env) {
        final WebhookSettings d = defaults();
        return new WebhookSettings(
                env.get("NOTIFY_WEBHOOK_URL").map(URI::create),
                env.string("NOTIFY_WEBHOOK_SECRET", d.secret()),
                env.duration("NOTIFY_WEBHOOK_CONNECT_TIMEOUT", d.connectTimeout()),
                env.duration("NOTIFY_WEBHOOK_REQUEST_TIMEOUT", d.requestTimeout()));
    }
}
