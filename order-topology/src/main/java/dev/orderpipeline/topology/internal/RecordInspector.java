package dev.orderpipeline.topology.internal;

import dev.orderpipeline.topology.ReasonCode;
import java.util.Optional;

/**
 * Decides whether a record can be processed at all. Used before a stateful step: a record keyed by something other
 * than the id it names would be processed by a task that does not own that id, so it goes to the dead-letter topic
 * instead.
 *
 * @param <V> value type
 */
@FunctionalInterface
public interface RecordInspector<V> {

    /** The problem with the record, or empty when it can be processed. */
    Optional<Problem> inspect(String key, V value);

    /** Whether {@code value} is null or blank. */
    static boolean blank(final String value) {
        return value == null || value.isBlank();
    }

    /** A {@link ReasonCode#KEY_MISMATCH} problem when the id is blank or the key differs from it. */
    static Optional<Problem> keyedBy(final String key, final String id, final String what) {
        if (blank(id)) {
            return Optional.of(new Problem(ReasonCode.KEY_MISMATCH, "The record names no " + what));
        }
        if (!id.equals(key)) {
            return Optional.of(new Problem(ReasonCode.KEY_MISMATCH,
                    "The record key '" + key + "' is not the " + what + " '" + id + "' it names"));
        }
        return Optional.empty();
    }
}
