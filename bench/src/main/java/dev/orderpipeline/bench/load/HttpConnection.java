package dev.orderpipeline.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One persistent HTTP/1.1 connection: writes a prepared request, reads the response (fixed length or chunked) and
 * keeps the socket for the next request unless the server closes it. Not thread-safe: one connection per worker.
 *
 * <p>Why not {@code java.net.http.HttpClient}: on two cores its per-request machinery (futures, executors, header
 * objects) costs about as much CPU as a trivial Javalin handler, so the client, not the server, would set the ceiling
 * of the baseline. A blocking socket on a virtual thread costs a few microseconds per request.
 */
public final class HttpConnection implements AutoCloseable {

    private static final int MAX_HEADER_LINE = 16 * 1024;

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public HttpConnection(final InetSocketAddress address, final Duration timeout) {
        this.address = address;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /**
     * Sends the request and reads the whole response.
     *
     * @throws IOException when the connection fails; it is closed then and reopened by the next call
     */
    public HttpReply exchange(final HttpRequestBytes request) throws IOException {
        try {
            if (socket == null) {
                open();
            }
            out.write(request.bytes());
            out.flush();
            final HttpReply reply = read();
            if ("close".equalsIgnoreCase(reply.headers().get("connection"))) {
                close();
            }
            return reply;
        } catch (final IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        final Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        s.connect(address, timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private HttpReply read() throws IOException {
        final String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.x response: " + statusLine);
        }
        final int status = Integer.parseInt(statusLine.substring(9, 12));
        final Map<String, String> headers = new HashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            final int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
        final byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if (status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        return new HttpReply(status, headers, body);
    }

    private byte[] chunked() throws IOException {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            final String sizeLine = line();
            final int semicolon = sizeLine.indexOf(';');
            final int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                skipTrailers();
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(size));
            line();
        }
    }

    /** Reads and drops chunked-encoding trailers up to the empty line; these servers send none. */
    private void skipTrailers() throws IOException {
        String trailer = line();
        while (!trailer.isEmpty()) {
            trailer = line();
        }
    }

    private String line() throws IOException {
        final StringBuilder line = new StringBuilder(64);
        while (true) {
            final int b = in.read();
            if (b < 0) {
                throw new EOFException("Connection closed by " + address);
            }
            if (b == '\n') {
                final int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new IOException("Header line too long from " + address);
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (final IOException ignored) {
                // the socket is being dropped either way
            }
            socket = null;
            in = null;
            out = null;
        }
    }

    /** A readable address for reports. */
    @Override
    public String toString() {
        return address.getHostString() + ":" + address.getPort();
    }
}
