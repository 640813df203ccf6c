package dev.orderpipeline.consumers;

import dev.orderpipeline.platform.config.Env;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the notification dispatcher, parsed once from the environment ({@link #from(Env)}) and passed down.
 * The {@code with*} methods return changed copies, for launchers and tests.
 *
 * @param channel         the delivery channel ({@code NOTIFY_CHANNEL}: log, email or webhook; default log)
 * @param groupId         consumer group; instances with the same id share the work ({@code NOTIFY_GROUP_ID},
 *                        notification-dispatcher)
 * @param httpPort        health and metrics port of {@link NotificationMain} ({@code HTTP_PORT}, 8083)
 * @param maxPollRecords  records per batch; offsets are committed per batch ({@code NOTIFY_MAX_POLL_RECORDS}, 500)
 * @param maxInFlight     deliveries running at once ({@code NOTIFY_MAX_IN_FLIGHT}, 64)
 * @param dedupeRetention how long settled event ids are remembered ({@code NOTIFY_DEDUPE_RETENTION}, 7 days)
 * @param registryBackoff pause of a partition while the schema registry is unreachable ({@code NOTIFY_REGISTRY_BACKOFF}, 5s)
 * @param createTopics    create missing retry, delivered and dead-letter topics at start ({@code NOTIFY_CREATE_TOPICS}, true)
 * @param retry           retry and backoff policy
 * @param breaker         circuit breaker policy
 * @param webhook         webhook channel settings
 * @param email           e-mail channel settings
 * @param customers       customer addresses ({@code NOTIFY_CUSTOMERS_FILE}, a properties file; empty by default)
 * @param topics          topic names (not from the environment: fixed in production)
 */
public record NotificationConfig(ChannelKind channel, String groupId, int httpPort, int maxPollRecords,
                                 int maxInFlight, Duration dedupeRetention, Duration registryBackoff,
                                 boolean createTopics, RetryPolicy retry, BreakerPolicy breaker,
                                 WebhookSettings webhook, EmailSettings email, CustomerDirectory customers,
                                 NotificationTopicNames topics) {

    public NotificationConfig {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(dedupeRetention, "dedupeRetention");
        Objects.requireNonNull(registryBackoff, "registryBackoff");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(topics, "topics");
        if (maxPollRecords < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxPollRecords and maxInFlight must be positive");
        }
        if (channel == ChannelKind.WEBHOOK && webhook.secret().isBlank()) {
            throw new IllegalArgumentException("The webhook channel needs NOTIFY_WEBHOOK_SECRET to sign its requests");
        }
    }

    public static NotificationConfig defaults() {
        return new NotificationConfig(ChannelKind.LOG, "notification-dispatcher", 8083, 500, 64,
                Duration.ofDays(7), Duration.ofSeconds(5), true, RetryPolicy.defaults(), BreakerPolicy.defaults(),
                WebhookSettings.defaults(), EmailSettings.defaults(), CustomerDirectory.empty(),
                NotificationTopicNames.defaults());
    }

    /**
     * Every customer's notifications POSTed to one URL, signed with {@code secret}: the set-up for running the
     * dispatcher at full speed against a local webhook (benchmarks, load tests).
     */
    public static NotificationConfig forWebhook(final URI url, final String secret) {
        final NotificationConfig d = defaults();
        final WebhookSettings w = d.webhook();
        return d.withWebhook(new WebhookSettings(Optional.of(url), secret, w.connectTimeout(), w.requestTimeout()))
                .withChannel(ChannelKind.WEBHOOK);
    }

    public static NotificationConfig from(final Env env) {
        final NotificationConfig d = defaults();
        return new NotificationConfig(
                env.get("NOTIFY_CHANNEL").map(ChannelKind::parse).orElse(d.channel()),
                env.string("NOTIFY_GROUP_ID", d.groupId()),
                env.integer("HTTP_PORT", d.httpPort()),
                env.integer("NOTIFY_MAX_POLL_RECORDS", d.maxPollRecords()),
                env.integer("NOTIFY_MAX_IN_FLIGHT", d.maxInFlight()),
                env.duration("NOTIFY_DEDUPE_RETENTION", d.dedupeRetention()),
                env.duration("NOTIFY_REGISTRY_BACKOFF", d.registryBackoff()),
                env.bool("NOTIFY_CREATE_TOPICS", d.createTopics()),
                RetryPolicy.from(env),
                BreakerPolicy.from(env),
                WebhookSettings.from(env),
                EmailSettings.from(env),
                env.get("NOTIFY_CUSTOMERS_FILE").map(Path::of).map(CustomerDirectory::load).orElse(d.customers()),
                d.topics());
    }

    public NotificationConfig withChannel(final ChannelKind value) {
        return new NotificationConfig(value, groupId, httpPort, maxPollRecords, maxInFlight, dedupeRetention,
                registryBackoff, createTopics, retry, breaker, webhook, email, customers, topics);
    }

    public NotificationConfig withGroupId(final String value) {
        return new NotificationConfig(channel, value, httpPort, maxPollRecords, maxInFlight, dedupeRetention,
                registryBackoff, createTopics, retry, breaker, webhook, email, customers, topics);
    }

    public NotificationConfig withRetry(final RetryPolicy value) {
        return new NotificationConfig(channel, groupId, httpPort, maxPollRecords, maxInFlight, dedupeRetention,
                registryBackoff, createTopics, value, breaker, webhook, email, customers, topics);
    }

    public NotificationConfig withBreaker(final BreakerPolicy value) {
        return new NotificationConfig(channel, groupId, httpPort, maxPollRecords, maxInFlight, dedupeRetention,
                registryBackoff, createTopics, retry, value, webhook, email, customers, topics);
    }

    public NotificationConfig withWebhook(final WebhookSettings value) {
        return new NotificationConfig(channel, groupId, httpPort, maxPollRecords, maxInFlight, dedupeRetention,
                registryBackoff, createTopics, retry, breaker, value, email, customers, topics);
    }

    public NotificationConfig withEmail(final EmailSettings value) {
        return new NotificationConfig(channel, groupId, httpPort, maxPollRecords, maxInFlight, dedupeRetention,
                registryBackoff, createTopics, retry, breaker, webhook, value, customers, topics);
    }

    public NotificationConfig withCustomers(final CustomerDirectory value) {
        return new NotificationConfig(channel, groupId, httpPort, maxPollRecords, maxInFlight, dedupeRetention,
                registryBackoff, createTopics, retry, breaker, webhook, email, value, topics);
    }

    public NotificationConfig withTopics(final NotificationTopicNames value) {
        return new NotificationConfig(channel, groupId, httpPort, maxPollRecords, maxInFlight, dedupeRetention,
                registryBackoff, createTopics, retry, breaker, webhook, email, customers, value);
    }

    public NotificationConfig withRegistryBackoff(final Duration value) {
        return new NotificationConfig(channel, groupId, httpPort, maxPollRecords, maxInFlight, dedupeRetention,
                value, createTopics, retry, breaker, webhook, email, customers, topics);
    }

    public NotificationConfig withMaxInFlight(final int value) {
        return new NotificationConfig(channel, groupId, httpPort, maxPollRecords, value, dedupeRetention,
                registryBackoff, createTopics, retry, breaker, webhook, email, customers, topics);
    }
}
