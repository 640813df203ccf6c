package dev.orderpipeline.platform.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ends a request with a problem+json response. Thrown by controllers and validators; turned into the response in
 * one place ({@link Problems#install}). Whether the client should retry is told by the status (and
 * {@code Retry-After} on 503), not by this type.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(final int status, final String type, final String title, final String detail,
                            final List<Problem.FieldError> errors, final Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** 400 with field errors. */
    public static ProblemException badRequest(final String detail, final List<Problem.FieldError> errors) {
        return new ProblemException(400, "/problems/bad-request", "Bad request", detail, errors, null);
    }

    /** 400 for one invalid parameter. */
    public static ProblemException invalidParameter(final String name, final String message) {
        return badRequest("Invalid parameter '" + name + "'", List.of(new Problem.FieldError("#" + name, message)));
    }

    /** 422: well-formed but not acceptable. */
    public static ProblemException unprocessable(final String detail, final List<Problem.FieldError> errors) {
        return new ProblemException(422, "/problems/validation", "Request is not valid", detail, errors, null);
    }

    /** 404. */
    public static ProblemException notFound(final String detail) {
        return new ProblemException(404, "/problems/not-found", "Not found", detail, null, null);
    }

    /** 503 with {@code Retry-After}: try again later, the request itself was fine. */
    public static ProblemException unavailable(final String detail, final Duration retryAfter) {
        final long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ProblemException(503, "/problems/unavailable", "Service unavailable", detail, null,
                Map.of("Retry-After", Long.toString(seconds)));
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body for this exception at the given request path. */
    public Problem toProblem(final String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors);
    }
}
