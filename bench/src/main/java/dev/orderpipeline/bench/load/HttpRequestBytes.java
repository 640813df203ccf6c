package dev.orderpipeline.bench.load;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP/1.1 request serialized once, so the generator only copies bytes to the socket.
 *
 * @param method the method, for reports
 * @param path   the path, for reports
 * @param bytes  the complete request: request line, headers and body
 */
public record HttpRequestBytes(String method, String path, byte[] bytes) {

    /** A GET with the given extra headers. */
    public static HttpRequestBytes get(final String hostPort, final String path, final Map<String, String> headers) {
        return build("GET", hostPort, path, headers, null, null);
    }

    /** A DELETE without a body. */
    public static HttpRequestBytes delete(final String hostPort, final String path, final Map<String, String> headers) {
        return build("DELETE", hostPort, path, headers, null, null);
    }

    /** A request with a JSON body. */
    public static HttpRequestBytes json(final String method, final String hostPort, final String path,
                                        final Map<String, String> headers, final String body) {
        return build(method, hostPort, path, headers, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequestBytes build(final String method, final String hostPort, final String path,
                                          final Map<String, String> headers, final String contentType,
                                          final byte[] body) {
        final StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostPort).append("\r\n")
                .append("Accept: application/json\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        final ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + (body == null ? 0 : body.length));
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.writeBytes(body);
        }
        return new HttpRequestBytes(method, path, out.toByteArray());
    }
}
