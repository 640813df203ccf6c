package dev.orderpipeline.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP response.
 *
 * @param status  status code
 * @param headers header values by lower-case name (the last one wins for repeated headers)
 * @param body    the body bytes
 */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {

    public HttpReply {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(final String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
