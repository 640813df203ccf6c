package dev.orderpipeline.consumers.internal.channel;

import dev.orderpipeline.consumers.ChannelKind;
import dev.orderpipeline.consumers.NotificationConfig;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.util.concurrent.CompletableFuture;

/**
 * A way to tell a customer. Implementations are thread-safe, pool their connections, bound every wait, and
 * complete {@link #send} normally with a {@link DeliveryOutcome} (never exceptionally) within their timeouts.
 */
public sealed interface Channel extends AutoCloseable permits LogChannel, EmailChannel, WebhookChannel {

    ChannelKind kind();

    /** Where the notification would go; no I/O. */
    Resolution resolve(NotificationRequested notification);

    /** Starts one delivery attempt to a recipient from {@link #resolve}. */
    CompletableFuture<DeliveryOutcome> send(NotificationRequested notification, Recipient recipient);

    /**
     * How many attempts may run at once without queueing inside the channel (its connection pool or threads). The
     * dispatcher never starts more, so an attempt's time bound is never spent waiting in a queue.
     */
    int maxConcurrency();

    /** Releases connections and threads; no attempt may be running. */
    @Override
    void close();

    /** The channel the configuration selects. */
    static Channel create(final NotificationConfig config) {
        return switch (config.channel()) {
            case LOG -> new LogChannel();
            case EMAIL -> new EmailChannel(config.email(), config.customers(), MessageTemplates.fromClasspath());
            case WEBHOOK -> new WebhookChannel(config.webhook(), config.customers());
        };
    }
}
