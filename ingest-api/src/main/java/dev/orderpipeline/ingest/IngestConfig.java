package dev.orderpipeline.ingest;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.schemas.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the ingest service, read from the environment by {@link #from(Env)}. Security ({@code SECURITY_*})
 * and TLS ({@code HTTP_TLS_*}) are read separately, by {@code platform.security}, because the server assembling the
 * routes owns them.
 *
 * @param httpPort               port of the standalone HTTP server ({@code HTTP_PORT}, default 8080)
 * @param sendTimeout            longest time a request waits for Kafka before it is answered 503 with
 *                               {@code Retry-After} ({@code INGEST_SEND_TIMEOUT}, default 5s, at least 1s)
 * @param maxOrderTotalMinor     largest order total in minor units ({@code INGEST_MAX_ORDER_TOTAL_MINOR}, default
 *                               100,000,000 = one million in a two-decimal currency)
 * @param maxBodyBytes           largest request body before 413 ({@code INGEST_MAX_BODY_BYTES}, default 64 KiB)
 * @param idempotencyWindow      how long an {@code Idempotency-Key} is remembered ({@code INGEST_IDEMPOTENCY_WINDOW},
 *                               default 24h)
 * @param idempotencyTopic       the ledger topic of idempotency keys ({@code INGEST_IDEMPOTENCY_TOPIC}, default
 *                               {@value #DEFAULT_IDEMPOTENCY_TOPIC})
 * @param idempotencyPartitions  partitions of the ledger topic when ingest creates it
 *                               ({@code INGEST_IDEMPOTENCY_PARTITIONS}, default 3; never change it afterwards)
 * @param createIdempotencyTopic whether ingest creates the ledger topic when missing
 *                               ({@code INGEST_IDEMPOTENCY_CREATE_TOPIC}, default true; false where topics are
 *                               managed elsewhere)
 * @param producerLinger         producer {@code linger.ms}: how long records wait to share a batch
 *                               ({@code INGEST_PRODUCER_LINGER}, default 2ms)
 * @param retryAfter             the {@code Retry-After} of 503 answers ({@code INGEST_RETRY_AFTER}, default 2s)
 * @param shutdownTimeout        longest wait for in-flight requests on shutdown ({@code INGEST_SHUTDOWN_TIMEOUT},
 *                               default 10s)
 */
public record IngestConfig(int httpPort, Duration sendTimeout, long maxOrderTotalMinor, int maxBodyBytes,
                           Duration idempotencyWindow, String idempotencyTopic, int idempotencyPartitions,
                           boolean createIdempotencyTopic, Duration producerLinger, Duration retryAfter,
                           Duration shutdownTimeout) {

    /**
     * Name of the idempotency ledger topic. The one place this name is written; it belongs in
     * {@code dev.orderpipeline.schemas.Topics} once that declares ingest's private topics too.
     */
    public static final String DEFAULT_IDEMPOTENCY_TOPIC = Topics.INGEST_IDEMPOTENCY;

    public IngestConfig {
        Objects.requireNonNull(idempotencyTopic, "idempotencyTopic");
        if (sendTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("INGEST_SEND_TIMEOUT must be at least 1s, not " + sendTimeout);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("INGEST_MAX_BODY_BYTES must be at least 1024, not " + maxBodyBytes);
        }
        if (idempotencyWindow.isNegative() || idempotencyWindow.isZero()) {
            throw new IllegalArgumentException("INGEST_IDEMPOTENCY_WINDOW must be positive");
        }
        if (idempotencyPartitions < 1) {
            throw new IllegalArgumentException("INGEST_IDEMPOTENCY_PARTITIONS must be at least 1");
        }
    }

    public static IngestConfig defaults() {
        return new IngestConfig(8080, Duration.ofSeconds(5), 100_000_000L, 64 * 1024, Duration.ofHours(24),
                DEFAULT_IDEMPOTENCY_TOPIC, 3, true, Duration.ofMillis(2), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public static IngestConfig from(final Env env) {
        final IngestConfig d = defaults();
        return new IngestConfig(
                env.integer("HTTP_PORT", d.httpPort()),
                env.duration("INGEST_SEND_TIMEOUT", d.sendTimeout()),
                env.longValue("INGEST_MAX_ORDER_TOTAL_MINOR", d.maxOrderTotalMinor()),
                env.integer("INGEST_MAX_BODY_BYTES", d.maxBodyBytes()),
                env.duration("INGEST_IDEMPOTENCY_WINDOW", d.idempotencyWindow()),
                env.string("INGEST_IDEMPOTENCY_TOPIC", d.idempotencyTopic()),
                env.integer("INGEST_IDEMPOTENCY_PARTITIONS", d.idempotencyPartitions()),
                env.bool("INGEST_IDEMPOTENCY_CREATE_TOPIC", d.createIdempotencyTopic()),
                env.duration("INGEST_PRODUCER_LINGER", d.producerLinger()),
                env.duration("INGEST_RETRY_AFTER", d.retryAfter()),
                env.duration("INGEST_SHUTDOWN_TIMEOUT", d.shutdownTimeout()));
    }

    public IngestConfig withSendTimeout(final Duration value) {
        return new IngestConfig(httpPort, value, maxOrderTotalMinor, maxBodyBytes, idempotencyWindow, idempotencyTopic,
                idempotencyPartitions, createIdempotencyTopic, producerLinger, retryAfter, shutdownTimeout);
    }

    public IngestConfig withIdempotency(final String topic, final Duration window) {
        return new IngestConfig(httpPort, sendTimeout, maxOrderTotalMinor, maxBodyBytes, window, topic,
                idempotencyPartitions, createIdempotencyTopic, producerLinger, retryAfter, shutdownTimeout);
    }

    public IngestConfig withMaxOrderTotalMinor(final long value) {
        return new IngestConfig(httpPort, sendTimeout, value, maxBodyBytes, idempotencyWindow, idempotencyTopic,
                idempotencyPartitions, createIdempotencyTopic, producerLinger, retryAfter, shutdownTimeout);
    }
}
