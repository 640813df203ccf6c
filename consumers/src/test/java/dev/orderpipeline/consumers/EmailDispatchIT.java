package dev.orderpipeline.consumers;

import static dev.orderpipeline.consumers.DispatcherHarness.count;
import static dev.orderpipeline.consumers.DispatcherHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.orderpipeline.platform.streams.DeadLetters;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The dispatcher with the e-mail channel against a real in-process SMTP server (GreenMail) and the real broker. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailDispatchIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final CustomerDirectory CUSTOMERS = new CustomerDirectory(Map.of(
            "c-jane", CustomerDirectory.Contact.email("jane@example.com"),
            "c-broken", CustomerDirectory.Contact.email("jane at example dot com")));

    private DispatcherHarness harness;
    private int smtpPort;
    private GreenMail smtp;

    @BeforeAll
    void start(final KafkaCluster kafka) {
        harness = new DispatcherHarness(kafka);
    }

    @BeforeEach
    void startSmtp() {
        smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private NotificationConfig config(final NotificationTopicNames topics) {
        final EmailSettings d = EmailSettings.defaults();
        return NotificationConfig.defaults()
                .withChannel(ChannelKind.EMAIL)
                .withTopics(topics)
                .withGroupId(harness.uniqueName("mail"))
                .withCustomers(CUSTOMERS)
                .withEmail(new EmailSettings("127.0.0.1", smtpPort, "orders@shop.example", "", "", false,
                        Duration.ofMillis(500), Duration.ofSeconds(2), 2, Optional.of("{customerId}@example.test")))
                .withRetry(new RetryPolicy(20, Duration.ofMillis(200), Duration.ofMillis(500), 2.0, 0.2))
                .withBreaker(new BreakerPolicy(50f, 50, 50, Duration.ofSeconds(1), 1));
    }

    @Test
    void shouldSendTemplatedPlainTextAndHtmlEmailOncePerNotification() throws Exception {
        // Given
        final NotificationTopicNames topics = harness.newTopics(1);
        final MeterRegistry meters = new SimpleMeterRegistry();
        try (NotificationService service = harness.start(config(topics), meters)) {
            // When
            harness.send(topics,
                    SampleNotifications.confirmed("mail-e1", "mail-o1", "c-jane"),
                    SampleNotifications.rejected("mail-e2", "mail-o2", "c-77", "OUT_OF_STOCK", "SKU <42> is sold out"));
            // Then
            await().atMost(WAIT).until(() -> count(meters, "notifications.delivered") == 2);
            final List<MimeMessage> messages = Arrays.asList(smtp.getReceivedMessages());
            assertThat(messages).hasSize(2);
            final MimeMessage confirmed = byEventId(messages, "mail-e1");
            assertThat(confirmed.getSubject()).isEqualTo("Your order mail-o1 is confirmed");
            assertThat(confirmed.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress("jane@example.com"));
            assertThat(confirmed.getFrom()).containsExactly(new InternetAddress("orders@shop.example"));
            assertThat(confirmed.getMessageID()).as("deterministic Message-ID")
                    .isEqualTo("<mail-e1@notifications.orderpipeline>");
            assertThat(part(confirmed, "text/plain")).contains("mail-o1").contains("25.00 EUR");
            assertThat(part(confirmed, "text/html")).contains("<strong>mail-o1</strong>").contains("25.00 EUR");
            final MimeMessage rejected = byEventId(messages, "mail-e2");
            assertThat(rejected.getRecipients(Message.RecipientType.TO)).as("address from the template")
                    .containsExactly(new InternetAddress("c-77@example.test"));
            assertThat(part(rejected, "text/plain")).contains("Reason: SKU <42> is sold out");
            assertThat(part(rejected, "text/html")).contains("SKU &lt;42&gt; is sold out");
        }
    }

    @Test
    void shouldDeadLetterAnInvalidAddressAndDeliverTheNextOne() {
        // Given
        final NotificationTopicNames topics = harness.newTopics(1);
        final MeterRegistry meters = new SimpleMeterRegistry();
        try (NotificationService service = harness.start(config(topics), meters)) {
            // When
            harness.send(topics,
                    SampleNotifications.confirmed("badaddr-e1", "badaddr-o1", "c-broken"),
                    SampleNotifications.confirmed("badaddr-e2", "badaddr-o2", "c-jane"));
            // Then
            final ConsumerRecord<byte[], byte[]> dead = harness.deadLetters(topics, 1).getFirst();
            assertThat(header(dead, DeadLetters.REASON)).isEqualTo("INVALID_ADDRESS");
            assertThat(header(dead, DeadLetters.MESSAGE)).contains("jane at example dot com");
            await().atMost(WAIT).until(() -> count(meters, "notifications.delivered") == 1);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        }
    }

    @Test
    void shouldRetryWhileTheSmtpServerIsDownAndDeliverWhenItIsBack() {
        // Given: the SMTP server is down
        final NotificationTopicNames topics = harness.newTopics(1);
        final MeterRegistry meters = new SimpleMeterRegistry();
        smtp.stop();
        try (NotificationService service = harness.start(config(topics), meters)) {
            // When
            harness.send(topics, SampleNotifications.confirmed("smtpdown-e1", "smtpdown-o1", "c-jane"));
            await().atMost(WAIT).until(() -> count(meters, "notifications.retried", "reason", "CONNECTION_FAILED") >= 2);
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            // Then
            await().atMost(WAIT).until(() -> count(meters, "notifications.delivered") == 1);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(count(meters, "notifications.dead.lettered")).isZero();
        }
    }

    private static MimeMessage byEventId(final List<MimeMessage> messages, final String eventId) {
        return messages.stream().filter(m -> {
            try {
                return eventId.equals(m.getHeader("X-Event-Id", null));
            } catch (final jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("No e-mail for event " + eventId));
    }

    private static String part(final MimeMessage message, final String type) throws Exception {
        final MimeMultipart multipart = (MimeMultipart) message.getContent();
        assertThat(multipart.getContentType()).startsWith("multipart/alternative");
        for (int i = 0; i < multipart.getCount(); i++) {
            final BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
        }
        throw new AssertionError("No " + type + " part");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
