package dev.orderpipeline.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure of a request to an RFC 9457 {@code application/problem+json} response, in one place: our own
 * {@link ProblemException}, Javalin's {@link HttpResponseException}s (404 for unknown routes, 405, 413 ...), and
 * anything unexpected (500, logged with the request id; no stack trace ever reaches the client).
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static void install(final JavalinConfig config, final ObjectMapper json) {
        config.routes.exception(ProblemException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, json, e.toProblem(ctx.path()));
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, json,
                new Problem("/problems/http-" + e.getStatus(), title(e.getStatus()), e.getStatus(), e.getMessage(),
                        ctx.path(), null)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, json, new Problem("/problems/internal", "Internal error", 500,
                    "The server failed to handle the request; it has been logged.", ctx.path(), null));
        });
        for (final int status : new int[] {404, 405}) {
            config.routes.error(status, "*", ctx -> {
                if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                    write(ctx, json, new Problem("/problems/http-" + status, title(status), status,
                            status == 404 ? "No resource at " + ctx.path() : "Method " + ctx.method() + " not allowed on " + ctx.path(),
                            ctx.path(), null));
                }
            });
        }
    }

    /** Writes a problem as the response. */
    public static void write(final Context ctx, final ObjectMapper json, final Problem problem) {
        try {
            ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(json.writeValueAsBytes(problem));
        } catch (final Exception e) {
            ctx.status(500).result("{\"status\":500}");
        }
    }

    private static String title(final int status) {
        final HttpStatus known = HttpStatus.forStatus(status);
        return known == HttpStatus.UNKNOWN ? "HTTP " + status : known.getMessage();
    }
}
