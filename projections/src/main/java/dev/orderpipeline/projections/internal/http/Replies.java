package dev.orderpipeline.projections.internal.http;

import dev.orderpipeline.projections.internal.query.Answer;
import dev.orderpipeline.projections.internal.query.Caller;
import dev.orderpipeline.projections.internal.query.PeerClient;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** How every projections route answers. */
final class Replies {

    private Replies() {
    }

    /**
     * Who asks: forwarded by another instance (then answered from local state only) or not, and the headers to
     * pass on if this instance forwards the request in turn.
     */
    static Caller caller(final Context ctx) {
        final Map<String, String> headers = new HashMap<>(4);
        for (final String name : Caller.PASSED_ON) {
            final String value = ctx.header(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new Caller(ctx.header(PeerClient.FORWARDED_BY) != null, headers);
    }

    /** 200 with the view as JSON, saying so in a header when it came from a standby copy. */
    static void ok(final Context ctx, final Answer<?> answer) {
        answer.standbyLag().ifPresent(lag -> ctx.header(PeerClient.SERVED_BY_STANDBY, "lag=" + lag));
        ctx.json(answer.value());
    }
}
