package dev.orderpipeline.ingest.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderIdsTest {

    private static final Duration WINDOW = Duration.ofHours(24);
    private static final ScopeId SCOPE = ScopeId.of("web-c-1", "3f0e2c1d");

    @Test
    void shouldDeriveTheSameVersion5IdForTheSameKeyInTheSameWindow() {
        // When
        final UUID first = OrderIds.derive(SCOPE, Instant.parse("2026-11-05T00:00:01Z"), WINDOW);
        final UUID retry = OrderIds.derive(SCOPE, Instant.parse("2026-11-05T23:59:59Z"), WINDOW);
        // Then
        assertThat(retry).isEqualTo(first);
        assertThat(first.version()).isEqualTo(5);
        assertThat(first.variant()).isEqualTo(2);
    }

    @Test
    void shouldDeriveANewIdInTheNextWindowAndForOtherScopes() {
        final Instant at = Instant.parse("2026-11-05T12:00:00Z");
        assertThat(OrderIds.derive(SCOPE, at.plus(WINDOW), WINDOW)).isNotEqualTo(OrderIds.derive(SCOPE, at, WINDOW));
        assertThat(OrderIds.derive(ScopeId.of("web-c-2", "3f0e2c1d"), at, WINDOW)).isNotEqualTo(OrderIds.derive(SCOPE, at, WINDOW));
    }
}
