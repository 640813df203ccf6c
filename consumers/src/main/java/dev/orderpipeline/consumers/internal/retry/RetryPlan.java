package dev.orderpipeline.consumers.internal.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * Where and when a failed notification is tried again.
 *
 * @param topic the retry tier topic
 * @param delay the jittered backoff
 * @param dueAt when the next attempt may start
 */
public record RetryPlan(String topic, Duration delay, Instant dueAt) {
}
