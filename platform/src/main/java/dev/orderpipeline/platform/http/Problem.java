package dev.orderpipeline.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type     URI naming the kind of problem (relative to the API, e.g. {@code /problems/validation})
 * @param title    short summary of the kind of problem
 * @param status   HTTP status
 * @param detail   explanation of this occurrence
 * @param instance the request path
 * @param errors   field-level errors, each with a JSON pointer into the request body or a parameter name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** Content type of problem responses. */
    public static final String CONTENT_TYPE = "application/problem+json";

    /**
     * One thing wrong with the request.
     *
     * @param pointer JSON pointer into the body ({@code /items/0/quantity}) or {@code #name} for a path or query
     *                parameter
     * @param message what is wrong, for a person
     */
    public record FieldError(String pointer, String message) {
    }

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }
}
