package dev.orderpipeline.ingest.internal.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the hand-written OpenAPI 3.1 document of the ingest API, shipped as a resource and
 * kept true by a test that compares it with the registered routes and exercises every documented status.
 */
public final class OpenApiDocument {

    /** Class-path location of the document. */
    public static final String RESOURCE = "/dev/orderpipeline/ingest/openapi.json";

    private final byte[] document;

    public OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document missing from the class path: " + RESOURCE);
            }
            this.document = in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void serve(final Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
