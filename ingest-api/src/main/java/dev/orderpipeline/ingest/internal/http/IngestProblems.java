package dev.orderpipeline.ingest.internal.http;

import dev.orderpipeline.ingest.internal.kafka.PublishFailedException;
import dev.orderpipeline.platform.http.ProblemException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The problem answers specific to ingest, each with a stable {@code type} the OpenAPI document lists. */
final class IngestProblems {

    private static final Logger LOG = LoggerFactory.getLogger(IngestProblems.class);

    private IngestProblems() {
    }

    /** 503 while draining; the connection is closed so the client's next attempt lands on another instance. */
    static ProblemException shuttingDown(final Duration retryAfter) {
        final Map<String, String> headers = new HashMap<>(ProblemException.unavailable("", retryAfter).headers());
        headers.put("Connection", "close");
        return new ProblemException(503, "/problems/unavailable", "Service unavailable",
                "The service is shutting down; retry", null, headers);
    }

    /** 503 for what a retry can fix, 500 for what it cannot (logged: a bug or misconfiguration). */
    static ProblemException publishFailed(final PublishFailedException e, final Duration retryAfter) {
        if (e.retriable()) {
            LOG.warn("Not accepted, Kafka unavailable: {}", e.getMessage());
            return ProblemException.unavailable("Kafka could not store the request right now; retry later", retryAfter);
        }
        LOG.error("Not accepted, Kafka refused the record", e);
        return new ProblemException(500, "/problems/publish-failed", "Not stored",
                "The request could not be stored; it has been logged", null, null);
    }

    /** 422: the key was first used with another body. */
    static ProblemException keyReused() {
        return new ProblemException(422, "/problems/idempotency-key-reused", "Idempotency key reused",
                "This Idempotency-Key was used with a different request body; use a new key for a new order",
                null, null);
    }
}
