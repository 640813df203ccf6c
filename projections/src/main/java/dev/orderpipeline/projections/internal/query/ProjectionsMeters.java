package dev.orderpipeline.projections.internal.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/**
 * The query meters, created once: how often queries are forwarded (and fail), served from standby copies, or refused
 * with 503, and how many long-polls wait. Tags are fixed, low-cardinality values.
 */
public final class ProjectionsMeters {

    private final Counter peerAnswered;
    private final Counter peerFailed;
    private final Counter standbyAnswers;
    private final Counter unavailable;

    public ProjectionsMeters(final MeterRegistry registry, final IntSupplier waiters) {
        this.peerAnswered = Counter.builder("projections.forwarded.queries").tag("outcome", "answered")
                .description("Queries forwarded to the owning instance").register(registry);
        this.peerFailed = Counter.builder("projections.forwarded.queries").tag("outcome", "failed")
                .description("Queries forwarded to the owning instance").register(registry);
        this.standbyAnswers = Counter.builder("projections.standby.answers")
                .description("Queries answered from a standby or restoring copy").register(registry);
        this.unavailable = Counter.builder("projections.unavailable.answers")
                .description("Queries refused with 503 because no copy could answer").register(registry);
        Gauge.builder("projections.long.polls", waiters::getAsInt)
                .description("Long-polls waiting for an order to reach a terminal status").register(registry);
    }

    void peerAnswered() {
        peerAnswered.increment();
    }

    void peerFailed() {
        peerFailed.increment();
    }

    void standbyAnswer() {
        standbyAnswers.increment();
    }

    void unavailable() {
        unavailable.increment();
    }
}
