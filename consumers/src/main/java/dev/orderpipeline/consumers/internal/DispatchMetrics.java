package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.ChannelKind;
import dev.orderpipeline.consumers.internal.channel.FailureCode;
import dev.orderpipeline.platform.streams.FailureReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dispatcher's meters, tagged by channel and a low-cardinality reason, created up front for every known reason
 * and removed again on {@link #close()} so that a service restarted in the same JVM starts clean.
 *
 * <ul>
 *   <li>{@code notifications.delivered} — accepted by the channel</li>
 *   <li>{@code notifications.failed{reason}} — failed attempts, transient or permanent, open circuit included</li>
 *   <li>{@code notifications.retried{reason}} — copies handed to a retry tier</li>
 *   <li>{@code notifications.dead.lettered{reason}} — sent to the dead-letter topic</li>
 *   <li>{@code notifications.duplicates} — suppressed because the event id was already settled</li>
 *   <li>{@code notifications.delivery.latency} — duration of attempts that reached the channel</li>
 *   <li>{@code notifications.held{reason}} — partitions held back: {@code RETRY_NOT_DUE},
 *       {@code REGISTRY_UNAVAILABLE}, {@code WRITE_FAILED}</li>
 * </ul>
 */
final class DispatchMetrics implements AutoCloseable {

    /** Reason of a dead letter whose attempts ran out. */
    static final String ATTEMPTS_EXHAUSTED = "ATTEMPTS_EXHAUSTED";

    private final MeterRegistry registry;
    private final String channel;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter delivered;
    private final Counter duplicates;
    private final Timer latency;
    private final Map<FailureCode, Counter> failed = new HashMap<>();
    private final Map<FailureCode, Counter> retried = new HashMap<>();
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Map<HoldReason, Counter> held = new HashMap<>();

    /** Why a partition was held back. */
    enum HoldReason { RETRY_NOT_DUE, REGISTRY_UNAVAILABLE, WRITE_FAILED }

    DispatchMetrics(final MeterRegistry registry, final ChannelKind channel) {
        this.registry = registry;
        this.channel = channel.label();
        this.delivered = track(Counter.builder("notifications.delivered").description("Notifications the channel accepted")
                .tag("channel", this.channel).register(registry));
        this.duplicates = track(Counter.builder("notifications.duplicates")
                .description("Notifications skipped because their event id was already settled")
                .tag("channel", this.channel).register(registry));
        this.latency = track(Timer.builder("notifications.delivery.latency")
                .description("Duration of delivery attempts that reached the channel")
                .tag("channel", this.channel).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry));
        for (final FailureCode code : FailureCode.values()) {
            failed.put(code, counter("notifications.failed", "Failed delivery attempts", code.name()));
            retried.put(code, counter("notifications.retried", "Notifications handed to a retry topic", code.name()));
            deadLetter(code.name());
        }
        deadLetter(ATTEMPTS_EXHAUSTED);
        for (final HoldReason reason : HoldReason.values()) {
            held.put(reason, counter("notifications.held", "Partitions held back until a time", reason.name()));
        }
        for (final FailureReason reason : FailureReason.values()) {
            deadLetter(reason.name());
        }
    }

    void delivered() {
        delivered.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void attempt(final Duration duration) {
        latency.record(duration);
    }

    void failed(final FailureCode code) {
        failed.get(code).increment();
    }

    void retried(final FailureCode code) {
        retried.get(code).increment();
    }

    void held(final HoldReason reason) {
        held.get(reason).increment();
    }

    void deadLettered(final String reason) {
        deadLetter(reason).increment();
    }

    private Counter deadLetter(final String reason) {
        return deadLettered.computeIfAbsent(reason, r -> counter("notifications.dead.lettered",
                "Notifications sent to the dead-letter topic", r));
    }

    private Counter counter(final String name, final String description, final String reason) {
        return track(Counter.builder(name).description(description).tag("channel", channel).tag("reason", reason)
                .register(registry));
    }

    private <M extends Meter> M track(final M meter) {
        synchronized (meters) {
            meters.add(meter);
        }
        return meter;
    }

    @Override
    public void close() {
        synchronized (meters) {
            meters.forEach(registry::remove);
            meters.clear();
        }
    }
}
