package dev.orderpipeline.ingest.internal.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Set;

/** Typed reads of JSON object fields that record a shape error instead of throwing. */
final class JsonFields {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonFields() {
    }

    /** Reports every field of {@code object} not in {@code allowed}. */
    static void rejectUnknown(final JsonNode object, final Set<String> allowed, final String at, final FieldErrors errors) {
        final Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                errors.shape(pointer(at, name), "is not a known field");
            }
        }
    }

    /** The string value, or null when absent or JSON null; a non-string is a shape error. */
    static String text(final JsonNode object, final String field, final String at, final FieldErrors errors) {
        final JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.shape(pointer(at, field), "must be a string, not " + type(node));
            return null;
        }
        return node.textValue();
    }

    /**
     * The integer value, or null when absent or JSON null. Non-integers ({@code 1.5}, {@code "2"}) are shape errors;
     * integers beyond a long are clamped to its range, so the caller's range rule reports them.
     */
    static Long integer(final JsonNode object, final String field, final String at, final FieldErrors errors) {
        final JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            errors.shape(pointer(at, field), "must be an integer, not " + type(node));
            return null;
        }
        final BigInteger value = node.bigIntegerValue();
        return value.max(LONG_MIN).min(LONG_MAX).longValue();
    }

    /** JSON pointer of a member (RFC 6901 escaping). */
    static String pointer(final String at, final String field) {
        return at + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    static String type(final JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
