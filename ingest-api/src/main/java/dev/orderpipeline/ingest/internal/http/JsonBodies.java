package dev.orderpipeline.ingest.internal.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.orderpipeline.platform.http.Problem.FieldError;
import dev.orderpipeline.platform.http.ProblemException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body as a JSON tree, refusing early what is not worth parsing: 415 for anything but
 * {@code application/json}, 413 above the size limit (judged by {@code Content-Length} before reading a byte, and
 * by counting for chunked bodies), 400 with line and column for malformed JSON, duplicate keys or trailing content.
 *
 * <p>A body refused as too large is still read and discarded up to {@value #DRAIN_LIMIT} bytes before the answer:
 * a client busy sending it would otherwise see the connection closed under its feet (a reset instead of the 413).
 * Bodies declared larger than that are not read at all; the connection is closed after the answer.
 */
public final class JsonBodies {

    /** Most bytes of a refused body read and discarded so that the client gets to read the 413. */
    static final int DRAIN_LIMIT = 1024 * 1024;

    private final ObjectReader reader;
    private final int maxBytes;

    public JsonBodies(final ObjectMapper json, final int maxBytes) {
        this.reader = json.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The body as JSON. */
    public JsonNode read(final Context ctx) {
        final String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(415, "/problems/unsupported-media-type", "Unsupported media type",
                    "Send the body as application/json", null, Map.of("Accept", "application/json"));
        }
        final long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            if (declared <= DRAIN_LIMIT) {
                drain(ctx);
            }
            throw tooLarge();
        }
        final byte[] body = declared >= 0 ? readDeclared(ctx, (int) declared) : readBounded(ctx);
        if (body.length == 0) {
            throw ProblemException.badRequest("The body is empty; send a JSON object",
                    List.of(new FieldError("", "is empty")));
        }
        try {
            return reader.readTree(body);
        } catch (final JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            final String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ProblemException.badRequest("Malformed JSON" + where + ": " + e.getOriginalMessage(),
                    List.of(new FieldError("", "is not well-formed JSON" + where)));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body of a declared length (within the limit): read into an array of that size. */
    private static byte[] readDeclared(final Context ctx, final int length) {
        try (InputStream in = ctx.req().getInputStream()) {
            final byte[] body = new byte[length];
            final int read = in.readNBytes(body, 0, length);
            if (read < length) {
                throw ProblemException.badRequest("The body ended after " + read + " of the " + length
                        + " bytes its Content-Length declared", null);
            }
            return body;
        } catch (final IOException e) {
            throw ProblemException.badRequest("The body could not be read: " + e.getMessage(), null);
        }
    }

    /** A body of unknown length (chunked): read up to one byte past the limit, to tell whether it is over. */
    private byte[] readBounded(final Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            final byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                discard(in, DRAIN_LIMIT - body.length);
                throw tooLarge();
            }
            return body;
        } catch (final IOException e) {
            throw ProblemException.badRequest("The body could not be read: " + e.getMessage(), null);
        }
    }

    private static void drain(final Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            discard(in, DRAIN_LIMIT);
        } catch (final IOException e) {
            // The client went away or broke off: the answer is the 413 either way.
        }
    }

    /** Reads and drops up to {@code limit} bytes, stopping early at the end of the body. */
    private static void discard(final InputStream in, final long limit) throws IOException {
        final byte[] buffer = new byte[8192];
        long left = limit;
        while (left > 0) {
            final int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return;
            }
            left -= read;
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(413, "/problems/content-too-large", "Content too large",
                "The body exceeds the limit of " + maxBytes + " bytes", null, null);
    }
}
