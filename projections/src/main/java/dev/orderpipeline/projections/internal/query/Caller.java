package dev.orderpipeline.projections.internal.query;

import java.util.List;
import java.util.Map;

/**
 * Who asked, as far as routing cares: whether another instance forwarded the request (then it is answered from
 * local state only), and the caller's own credential and tracing headers, which a forwarded request carries on so
 * that the owner authenticates and authorizes the caller exactly as the first instance did — there is no trusted
 * instance-to-instance identity that could widen anybody's access.
 *
 * @param forwarded whether the request came from another instance ({@link PeerClient#FORWARDED_BY})
 * @param headers   headers to pass on when forwarding (credentials, request id)
 */
public record Caller(boolean forwarded, Map<String, String> headers) {

    /** Headers passed on to the owner of a key. */
    public static final List<String> PASSED_ON = List.of("Authorization", "X-API-Key", "X-Request-Id");

    public Caller {
        headers = Map.copyOf(headers);
    }

    /** A caller inside this process (tools, measurements): nothing to pass on. */
    public static Caller internal() {
        return new Caller(false, Map.of());
    }
}
