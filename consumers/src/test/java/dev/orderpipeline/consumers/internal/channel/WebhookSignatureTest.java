package dev.orderpipeline.consumers.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void shouldMatchTheRfc4231TestVector() {
        // Given: RFC 4231 test case 2
        final byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
        // When
        final String signature = WebhookSignature.sign("Jefe", body);
        // Then
        assertThat(signature).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void shouldChangeWithTheSecretAndTheBody() {
        // Given
        final byte[] body = "{\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
        // When / Then
        assertThat(WebhookSignature.sign("a", body)).isNotEqualTo(WebhookSignature.sign("b", body));
        assertThat(WebhookSignature.sign("a", body))
                .isNotEqualTo(WebhookSignature.sign("a", "{\"eventId\":\"e-2\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
