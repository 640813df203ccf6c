package dev.orderpipeline.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.platform.config.Env;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationConfigTest {

    @Test
    void shouldDefaultToTheLogChannelWithProductionTopics() {
        // When
        final NotificationConfig config = NotificationConfig.from(new Env(Map.of()));
        // Then
        assertThat(config).isEqualTo(NotificationConfig.defaults());
        assertThat(config.channel()).isEqualTo(ChannelKind.LOG);
        assertThat(config.topics().inputs())
                .containsExactly("notifications", "notifications-retry-1m", "notifications-retry-10m");
    }

    @Test
    void shouldReadEverySettingFromTheEnvironment(@TempDir final Path dir) throws IOException {
        // Given
        final Path customers = dir.resolve("customers.properties");
        Files.writeString(customers, """
                c-1.email=jane@example.com
                c-1.webhook.url=https://hooks.example.com/c1
                c-1.webhook.secret=per-customer
                c.with.dots.email=dots@example.com
                """);
        final Env env = new Env(Map.ofEntries(
                Map.entry("NOTIFY_CHANNEL", "Webhook"),
                Map.entry("NOTIFY_GROUP_ID", "g"),
                Map.entry("NOTIFY_MAX_ATTEMPTS", "7"),
                Map.entry("NOTIFY_RETRY_SHORT_DELAY", "500ms"),
                Map.entry("NOTIFY_RETRY_LONG_DELAY", "5s"),
                Map.entry("NOTIFY_RETRY_MULTIPLIER", "2"),
                Map.entry("NOTIFY_BREAKER_OPEN_DURATION", "2s"),
                Map.entry("NOTIFY_WEBHOOK_URL", "http://localhost:9000/hook"),
                Map.entry("NOTIFY_WEBHOOK_SECRET", "s3cr3t"),
                Map.entry("NOTIFY_SMTP_HOST", "mail"),
                Map.entry("NOTIFY_SMTP_POOL_SIZE", "8"),
                Map.entry("NOTIFY_CUSTOMERS_FILE", customers.toString())));
        // When
        final NotificationConfig config = NotificationConfig.from(env);
        // Then
        assertThat(config.channel()).isEqualTo(ChannelKind.WEBHOOK);
        assertThat(config.groupId()).isEqualTo("g");
        assertThat(config.retry()).isEqualTo(new RetryPolicy(7, Duration.ofMillis(500), Duration.ofSeconds(5), 2.0, 0.2));
        assertThat(config.breaker().openDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.webhook().defaultUrl()).contains(URI.create("http://localhost:9000/hook"));
        assertThat(config.email().host()).isEqualTo("mail");
        assertThat(config.email().poolSize()).isEqualTo(8);
        final CustomerDirectory.Contact c1 = config.customers().contact("c-1");
        assertThat(c1.email()).contains("jane@example.com");
        assertThat(c1.webhookUrl()).contains(URI.create("https://hooks.example.com/c1"));
        assertThat(c1.webhookSecret()).contains("per-customer");
        assertThat(config.customers().contact("c.with.dots").email()).contains("dots@example.com");
    }

    @Test
    void shouldRefuseAWebhookChannelWithoutSigningSecret() {
        // When / Then
        assertThatThrownBy(() -> NotificationConfig.from(new Env(Map.of("NOTIFY_CHANNEL", "webhook"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOTIFY_WEBHOOK_SECRET");
        assertThatThrownBy(() -> NotificationConfig.from(new Env(Map.of("NOTIFY_CHANNEL", "pigeon"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pigeon");
    }

    @Test
    void shouldRefuseRetryPoliciesThatMakeNoSense() {
        // When / Then
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
