package dev.orderpipeline.registry.internal;

import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become answers, always as Confluent error bodies
 * ({@code {"error_code": 40401, "message": "..."}}) and never with a stack trace: clients parse
 * {@code error_code} to decide what went wrong, and internals are nobody's business but the log's.
 *
 * <ul>
 *   <li>{@link SchemaRegistryException}: the registry's own answer, with its status and code;</li>
 *   <li>{@link HttpResponseException}: Javalin's, e.g. 404 for an unknown route, 413 for a huge body;</li>
 *   <li>any other exception or {@link java.lang.Error}: a bug, logged with its stack trace, answered 500/50001;</li>
 *   <li>requests Jetty refuses before routing (bad URI, oversized headers): {@link #jettyErrorHandler()}.</li>
 * </ul>
 */
final class ErrorAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    /** Confluent's code for a failure inside the registry. */
    static final int INTERNAL_ERROR = 50001;
    private static final String INTERNAL_ERROR_MESSAGE = "Internal server error; see the registry log";
    private static final byte[] INTERNAL_ERROR_BODY = ("{\"error_code\":" + INTERNAL_ERROR + ",\"message\":\""
            + INTERNAL_ERROR_MESSAGE + "\"}").getBytes(StandardCharsets.UTF_8);

    private final JsonBodies bodies;

    ErrorAnswers(final JsonBodies bodies) {
        this.bodies = bodies;
    }

    void registryError(final SchemaRegistryException e, final Context ctx) {
        LOG.debug("{} {} answered {} ({}): {}", ctx.method(), ctx.path(), e.httpStatus(), e.errorCode(), e.getMessage());
        bodies.send(ctx, e.httpStatus(), new Wire.ErrorBody(e.errorCode(), e.getMessage()));
    }

    void httpError(final HttpResponseException e, final Context ctx) {
        LOG.debug("{} {} answered {}: {}", ctx.method(), ctx.path(), e.getStatus(), e.getMessage());
        bodies.send(ctx, e.getStatus(), new Wire.ErrorBody(e.getStatus(), statusLine(e.getStatus())));
    }

    void unexpected(final Exception e, final Context ctx) {
        LOG.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
        bodies.send(ctx, 500, new Wire.ErrorBody(INTERNAL_ERROR, INTERNAL_ERROR_MESSAGE));
    }

    /** For {@code java.lang.Error}s (e.g. a StackOverflowError), which Javalin hands over outside the router. */
    void fatal(final HttpServletResponse response, final Error error) {
        LOG.error("Unexpected error answering a request", error);
        if (response.isCommitted()) {
            return;
        }
        try {
            response.reset();
            response.setStatus(500);
            response.setContentType(JsonBodies.SCHEMA_REGISTRY_V1_JSON);
            response.getOutputStream().write(INTERNAL_ERROR_BODY);
        } catch (final IOException | IllegalStateException e) {
            LOG.warn("Could not write the error answer", e);
        }
    }

    /** Jetty's handler for requests refused before they reach Javalin, answering in the same JSON shape. */
    static ErrorHandler jettyErrorHandler() {
        return new ErrorHandler() {
            @Override
            protected void generateResponse(final Request request, final Response response, final int code,
                                            final String message, final Throwable cause, final Callback callback) {
                LOG.debug("Jetty refused {} {}: {} {}", request.getMethod(), request.getHttpURI(), code, message);
                final String body = "{\"error_code\":" + code + ",\"message\":\"" + statusLine(code) + "\"}";
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonBodies.SCHEMA_REGISTRY_V1_JSON);
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            }
        };
    }

    /** {@code HTTP 404 Not Found}, as Confluent's REST layer words errors that are not its own. */
    private static String statusLine(final int status) {
        return "HTTP " + status + " " + HttpStatus.forStatus(status).getMessage();
    }
}
