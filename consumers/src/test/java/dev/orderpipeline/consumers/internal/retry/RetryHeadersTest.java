package dev.orderpipeline.consumers.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RetryHeadersTest {

    @Test
    void shouldReadAnOriginalRecordAsNoAttemptsAndNotDelayed() {
        // Given
        final Headers headers = new RecordHeaders().add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        // When / Then
        assertThat(RetryHeaders.attempts(headers)).isZero();
        assertThat(RetryHeaders.dueAt(headers)).isEmpty();
    }

    @Test
    void shouldKeepOriginalHeadersAndFirstOriginAcrossRetries() {
        // Given
        final Headers original = new RecordHeaders().add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        final Instant due = Instant.parse("2026-11-23T10:01:00Z");
        // When
        final Headers first = RetryHeaders.forRetry(original, 1, due, "SERVER_ERROR", "HTTP 500", "webhook",
                "notifications", 2, 41);
        final Headers second = RetryHeaders.forRetry(first, 2, due.plusSeconds(60), "TIMEOUT", "slow", "webhook",
                "notifications-retry-1m", 2, 7);
        // Then
        assertThat(RetryHeaders.attempts(second)).isEqualTo(2);
        assertThat(RetryHeaders.dueAt(second)).contains(due.plusSeconds(60));
        assertThat(text(second, RetryHeaders.ORIGIN_TOPIC)).as("origin survives").isEqualTo("notifications");
        assertThat(text(second, RetryHeaders.ORIGIN_OFFSET)).isEqualTo("41");
        assertThat(text(second, RetryHeaders.LAST_FAILURE)).isEqualTo("TIMEOUT");
        assertThat(text(second, "traceparent")).as("caller headers kept").isEqualTo("00-abc");
        assertThat(second.headers(RetryHeaders.ATTEMPTS)).as("replaced, not appended").hasSize(1);
        assertThat(RetryHeaders.attempts(original)).as("original untouched").isZero();
    }

    private static String text(final Headers headers, final String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
