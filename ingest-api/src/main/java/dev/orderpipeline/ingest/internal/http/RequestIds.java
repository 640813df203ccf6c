package dev.orderpipeline.ingest.internal.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, else a new UUID. The id is
 * echoed in the response and put in the SLF4J MDC as {@code requestId} (controllers add {@code orderId}), so every
 * log line of the request carries both, in text and JSON logs alike.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_REQUEST_ID = "requestId";
    public static final String MDC_ORDER_ID = "orderId";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    /** Safe in headers and logs; long enough for UUIDs and trace ids. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public void before(final Context ctx) {
        final String offered = ctx.header(HEADER);
        final String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_REQUEST_ID, id);
    }

    public void after(final Context ctx) {
        MDC.remove(MDC_REQUEST_ID);
        MDC.remove(MDC_ORDER_ID);
    }

    /** Adds the order id to this request's log lines. */
    public static void orderId(final String orderId) {
        MDC.put(MDC_ORDER_ID, orderId);
    }
}
