package dev.orderpipeline.consumers.internal.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettledEventsTest {

    private final SettledEvents settled = new SettledEvents(Duration.ofHours(1));

    @Test
    void shouldRememberEventIdsPerPartition() {
        // Given
        settled.startLoading(0);
        settled.startLoading(1);
        // When
        settled.add(0, "e-1", 1_000);
        // Then
        assertThat(settled.contains(0, "e-1")).isTrue();
        assertThat(settled.contains(1, "e-1")).as("other partition").isFalse();
    }

    @Test
    void shouldRefuseToAnswerForAPartitionThatIsNotLoaded() {
        // When / Then: an empty answer would silently let duplicates through
        assertThatThrownBy(() -> settled.contains(3, "e-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldForgetEntriesOlderThanTheDedupeWindow() {
        // Given
        settled.startLoading(0);
        settled.add(0, "old", 0);
        settled.add(0, "recent", Duration.ofMinutes(30).toMillis());
        // When
        settled.expire(Duration.ofMinutes(61).toMillis());
        // Then
        assertThat(settled.contains(0, "old")).isFalse();
        assertThat(settled.contains(0, "recent")).isTrue();
        assertThat(settled.size()).isEqualTo(1);
    }

    @Test
    void shouldDropAPartitionThatMovedAway() {
        // Given
        settled.startLoading(0);
        settled.add(0, "e-1", 1);
        // When
        settled.drop(0);
        settled.add(0, "e-2", 2);
        // Then
        assertThat(settled.isLoaded(0)).isFalse();
        assertThat(settled.loadedPartitions()).isEmpty();
    }
}
