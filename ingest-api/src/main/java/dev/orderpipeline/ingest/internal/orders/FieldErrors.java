package dev.orderpipeline.ingest.internal.orders;

import dev.orderpipeline.platform.http.Problem.FieldError;
import dev.orderpipeline.platform.http.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Collects what is wrong with a request body so the client learns everything in one answer. Two kinds: the body
 * does not have the documented shape (unknown field, wrong JSON type: 400), or it has the shape but values break
 * the rules (missing, out of range, bad pattern: 422). Not thread-safe; one per request.
 */
public final class FieldErrors {

    private final List<FieldError> shape = new ArrayList<>();
    private final List<FieldError> values = new ArrayList<>();

    /** The body does not match the schema at this pointer. */
    public void shape(final String pointer, final String message) {
        shape.add(new FieldError(pointer, message));
    }

    /** A value breaks a rule. */
    public void value(final String pointer, final String message) {
        values.add(new FieldError(pointer, message));
    }

    public void values(final List<FieldError> errors) {
        values.addAll(errors);
    }

    public boolean isEmpty() {
        return shape.isEmpty() && values.isEmpty();
    }

    /**
     * Ends the request when anything was found: 400 when the shape is wrong (listing value errors too, except
     * those at pointers already reported, which are only echoes of the shape error), else 422.
     *
     * @param what the thing being read, for the message ("order", "stock adjustment")
     */
    public void throwIfAny(final String what) {
        if (!shape.isEmpty()) {
            final Set<String> reported = shape.stream().map(FieldError::pointer).collect(Collectors.toSet());
            final List<FieldError> all = new ArrayList<>(shape);
            values.stream().filter(e -> !reported.contains(e.pointer())).forEach(all::add);
            throw ProblemException.badRequest("The " + what + " does not match its schema: " + all.size()
                    + " problem(s)", all);
        }
        if (!values.isEmpty()) {
            throw ProblemException.unprocessable("The " + what + " has " + values.size() + " invalid field(s)", values);
        }
    }
}
