package dev.orderpipeline.consumers.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLSession;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Which answers are worth a retry: the rules that decide between retry topic and dead letter. */
class FailureClassificationTest {

    @Test
    void shouldClassifyWebhookStatusCodes() {
        // When / Then
        assertThat(WebhookChannel.classify(response(200, ""), null)).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(WebhookChannel.classify(response(204, ""), null)).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(code(WebhookChannel.classify(response(429, "slow down"), null)))
                .isEqualTo("transient THROTTLED");
        assertThat(code(WebhookChannel.classify(response(503, ""), null))).isEqualTo("transient SERVER_ERROR");
        assertThat(code(WebhookChannel.classify(response(404, "no such hook"), null)))
                .isEqualTo("permanent WEBHOOK_REJECTED");
        assertThat(code(WebhookChannel.classify(response(301, ""), null)))
                .as("redirects are configuration errors").isEqualTo("permanent WEBHOOK_REJECTED");
    }

    @Test
    void shouldTreatWebhookTimeoutsAndConnectionErrorsAsTransient() {
        // When / Then
        assertThat(code(WebhookChannel.classify(null, new CompletionException(new HttpTimeoutException("t")))))
                .isEqualTo("transient TIMEOUT");
        assertThat(code(WebhookChannel.classify(null, new ConnectException("refused"))))
                .isEqualTo("transient CONNECTION_FAILED");
        assertThat(code(WebhookChannel.classify(null, new IllegalStateException("?"))))
                .isEqualTo("transient UNEXPECTED");
    }

    @Test
    void shouldKeepTheStartOfAnErrorBodyForTheDeadLetterMessage() {
        // When
        final DeliveryOutcome outcome = WebhookChannel.classify(response(400, "x".repeat(500)), null);
        // Then
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.PermanentFailure.class,
                f -> assertThat(f.message()).startsWith("HTTP 400: xxx").hasSizeLessThan(220));
    }

    @Test
    void shouldClassifySmtpRepliesByCode() throws Exception {
        // Given
        final InternetAddress jane = new InternetAddress("jane@example.com");
        final Address[] none = new Address[0];
        // When / Then
        assertThat(code(EmailChannel.classify(new SMTPAddressFailedException(jane, "RCPT TO", 550, "no such user"))))
                .isEqualTo("permanent INVALID_ADDRESS");
        assertThat(code(EmailChannel.classify(new SMTPAddressFailedException(jane, "RCPT TO", 450, "mailbox busy"))))
                .isEqualTo("transient SERVER_ERROR");
        assertThat(code(EmailChannel.classify(new SMTPSendFailedException("DATA", 554, "spam", null, none, none, none))))
                .isEqualTo("permanent SMTP_REJECTED");
        assertThat(code(EmailChannel.classify(new MessagingException("wrapped", new SocketTimeoutException("read")))))
                .isEqualTo("transient TIMEOUT");
        assertThat(code(EmailChannel.classify(new MessagingException("connect", new ConnectException("refused")))))
                .isEqualTo("transient CONNECTION_FAILED");
    }

    private static String code(final DeliveryOutcome outcome) {
        return switch (outcome) {
            case DeliveryOutcome.Delivered d -> "delivered";
            case DeliveryOutcome.TransientFailure f -> "transient " + f.code();
            case DeliveryOutcome.PermanentFailure f -> "permanent " + f.code();
        };
    }

    private static HttpResponse<String> response(final int status, final String body) {
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return HttpRequest.newBuilder(URI.create("http://localhost/")).build();
            }

            @Override
            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(Map.of(), (a, b) -> true);
            }

            @Override
            public String body() {
                return body;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return URI.create("http://localhost/");
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
