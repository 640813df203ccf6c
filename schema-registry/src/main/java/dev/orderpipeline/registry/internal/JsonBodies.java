package dev.orderpipeline.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads request bodies and writes answers with the media types of the Confluent API.
 *
 * <p>Requests may be {@code application/vnd.schemaregistry.v1+json}, {@code application/vnd.schemaregistry+json},
 * {@code application/json}, or carry no type / {@code application/octet-stream} (what ad-hoc tools send when they
 * name none, which Confluent also reads as JSON); anything else is 415. Answers are
 * {@code application/vnd.schemaregistry.v1+json} unless the {@code Accept} header prefers one of the other two JSON
 * types, as Confluent's content negotiation does.
 */
final class JsonBodies {

    static final String SCHEMA_REGISTRY_V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String SCHEMA_REGISTRY_JSON = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";
    private static final String GENERIC_REQUEST = "application/octet-stream";

    private static final Set<String> REQUEST_TYPES = Set.of(SCHEMA_REGISTRY_V1_JSON, SCHEMA_REGISTRY_JSON, JSON, GENERIC_REQUEST);
    private static final List<String> RESPONSE_TYPES = List.of(SCHEMA_REGISTRY_V1_JSON, SCHEMA_REGISTRY_JSON, JSON);

    private record Acceptable(String type, double quality) {
    }

    private final ObjectMapper json;

    JsonBodies() {
        this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * The request body as a record.
     *
     * @throws SchemaRegistryException 415 for a non-JSON content type, 400 for a body that is not the expected JSON
     */
    <T> T read(final Context ctx, final Class<T> type) {
        final String contentType = ctx.contentType();
        if (contentType != null && !contentType.isBlank() && !REQUEST_TYPES.contains(mediaType(contentType))) {
            throw new SchemaRegistryException(415, 415, "HTTP 415 Unsupported Media Type: send "
                    + SCHEMA_REGISTRY_V1_JSON + " or " + JSON + ", not " + contentType);
        }
        final String body = ctx.body();
        if (body.isBlank()) {
            throw new SchemaRegistryException(400, 400, "Request body is empty; expected a JSON object");
        }
        try {
            final T value = json.readValue(body, type);
            if (value == null) {
                throw new SchemaRegistryException(400, 400, "Request body is null; expected a JSON object");
            }
            return value;
        } catch (final JsonProcessingException e) {
            throw new SchemaRegistryException(400, 400, "Malformed JSON body: " + e.getOriginalMessage());
        }
    }

    /** Writes a value as the JSON answer with the given status. */
    void send(final Context ctx, final int status, final Object body) {
        final String text;
        try {
            text = json.writeValueAsString(body);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write answer of type " + body.getClass().getName(), e);
        }
        sendRaw(ctx, status, text);
    }

    /** Writes text that already is JSON (e.g. a schema) as the answer. */
    void sendRaw(final Context ctx, final int status, final String jsonText) {
        ctx.status(status).contentType(responseType(ctx.header("Accept"))).result(jsonText);
    }

    /**
     * The answer's media type for an {@code Accept} header: the acceptable JSON type with the highest quality,
     * ties broken by this server's preference (v1 first). No header, wildcards, or nothing acceptable give v1:
     * better a JSON answer a lenient client can read than a 406 no client handles.
     */
    static String responseType(final String accept) {
        if (accept == null || accept.isBlank()) {
            return SCHEMA_REGISTRY_V1_JSON;
        }
        return Stream.of(accept.split(","))
                .map(JsonBodies::acceptable)
                .filter(a -> a.quality() > 0 && RESPONSE_TYPES.contains(a.type()))
                .max(Comparator.comparingDouble(Acceptable::quality)
                        .thenComparing(a -> -RESPONSE_TYPES.indexOf(a.type())))
                .map(Acceptable::type)
                .orElse(SCHEMA_REGISTRY_V1_JSON);
    }

    private static Acceptable acceptable(final String range) {
        final String[] parts = range.split(";");
        final double quality = Stream.of(parts).skip(1)
                .map(String::trim)
                .filter(parameter -> parameter.startsWith("q="))
                .findFirst()
                .map(parameter -> quality(parameter.substring(2)))
                .orElse(1.0);
        return new Acceptable(parts[0].trim().toLowerCase(Locale.ROOT), quality);
    }

    private static double quality(final String weight) {
        try {
            return Double.parseDouble(weight.trim());
        } catch (final NumberFormatException e) {
            return 0; // a malformed weight makes the range unusable, not the request
        }
    }

    /** The media type without parameters such as {@code charset}, lower-cased. */
    private static String mediaType(final String contentType) {
        final int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
