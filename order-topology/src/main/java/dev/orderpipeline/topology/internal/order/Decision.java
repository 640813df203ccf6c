package dev.orderpipeline.topology.internal.order;

import dev.orderpipeline.topology.avro.OrderSagaState;
import java.util.List;
import java.util.Optional;

/**
 * What one saga step decided: the order's new state (absent when it did not change) and the effects to send, in
 * order. A step never has side effects of its own, so the processor writes the state and forwards the effects in
 * the same exactly-once transaction.
 *
 * @param state   the state to store, or null to leave the store untouched
 * @param effects effects in the order they must be sent (status events in sequence order)
 * @param anomaly why an input was ignored or compensated unexpectedly, for the log; null when all is normal
 */
public record Decision(OrderSagaState state, List<SagaEffect> effects, String anomaly) {

    public Decision {
        effects = List.copyOf(effects);
    }

    /** Nothing changes; {@code why} is logged. */
    public static Decision ignore(final String why) {
        return new Decision(null, List.of(), why);
    }

    /** The state to store, if it changed. */
    public Optional<OrderSagaState> newState() {
        return Optional.ofNullable(state);
    }

    /** The anomaly to log, if any. */
    public Optional<String> anomalyNote() {
        return Optional.ofNullable(anomaly);
    }
}
