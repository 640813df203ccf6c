package dev.orderpipeline.consumers.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.consumers.CustomerDirectory;
import dev.orderpipeline.consumers.EmailSettings;
import dev.orderpipeline.consumers.SampleNotifications;
import dev.orderpipeline.consumers.WebhookSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where channels send a notification, and which missing or bad addresses are permanent failures. */
class ChannelResolutionTest {

    private static final CustomerDirectory CUSTOMERS = new CustomerDirectory(Map.of(
            "c-mail", CustomerDirectory.Contact.email("jane@example.com"),
            "c-bad", CustomerDirectory.Contact.email("jane at example"),
            "c-hook", CustomerDirectory.Contact.webhook(URI.create("https://hooks.example.com/orders")),
            "c-ftp", CustomerDirectory.Contact.webhook(URI.create("ftp://example.com/x"))));

    @Test
    void shouldResolveWebhookUrlOfTheCustomerWithHostAndPortAsDestination() {
        try (WebhookChannel channel = new WebhookChannel(WebhookSettings.defaults(), CUSTOMERS)) {
            // When
            final Resolution resolution = channel.resolve(SampleNotifications.confirmed("e", "o", "c-hook"));
            // Then
            assertThat(resolution).isEqualTo(Resolution.of(
                    new Recipient("hooks.example.com:443", "https://hooks.example.com/orders")));
        }
    }

    @Test
    void shouldFallBackToTheDefaultWebhookUrlOrGiveUpForGood() {
        // Given
        final WebhookSettings withDefault = new WebhookSettings(Optional.of(URI.create("http://127.0.0.1:9/all")), "s",
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (WebhookChannel fallback = new WebhookChannel(withDefault, CUSTOMERS);
             WebhookChannel none = new WebhookChannel(WebhookSettings.defaults(), CUSTOMERS)) {
            // When / Then
            assertThat(fallback.resolve(SampleNotifications.confirmed("e", "o", "c-x")))
                    .isEqualTo(Resolution.of(new Recipient("127.0.0.1:9", "http://127.0.0.1:9/all")));
            assertThat(none.resolve(SampleNotifications.confirmed("e", "o", "c-x")))
                    .isInstanceOfSatisfying(Resolution.Unresolved.class,
                            u -> assertThat(u.failure().code()).isEqualTo(FailureCode.NO_RECIPIENT));
            assertThat(none.resolve(SampleNotifications.confirmed("e", "o", "c-ftp")))
                    .isInstanceOfSatisfying(Resolution.Unresolved.class,
                            u -> assertThat(u.failure().code()).isEqualTo(FailureCode.NO_RECIPIENT));
        }
    }

    @Test
    void shouldResolveEmailFromDirectoryThenTemplateAndRejectInvalidAddresses() {
        // Given
        final EmailSettings d = EmailSettings.defaults();
        final EmailSettings templated = new EmailSettings("smtp.example.com", 587, d.from(), "", "", false,
                d.connectTimeout(), d.ioTimeout(), 1, Optional.of("{customerId}@example.test"));
        final EmailChannel channel = new EmailChannel(templated, CUSTOMERS, MessageTemplates.fromClasspath());
        try (channel) {
            // When / Then
            assertThat(channel.resolve(SampleNotifications.confirmed("e", "o", "c-mail")))
                    .isEqualTo(Resolution.of(new Recipient("smtp.example.com:587", "jane@example.com")));
            assertThat(channel.resolve(SampleNotifications.confirmed("e", "o", "c-9")))
                    .isEqualTo(Resolution.of(new Recipient("smtp.example.com:587", "c-9@example.test")));
            assertThat(channel.resolve(SampleNotifications.confirmed("e", "o", "c-bad")))
                    .isInstanceOfSatisfying(Resolution.Unresolved.class,
                            u -> assertThat(u.failure().code()).isEqualTo(FailureCode.INVALID_ADDRESS));
        }
    }
}
