package dev.orderpipeline.ingest.internal.orders;

import dev.orderpipeline.platform.http.Problem.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The pattern of every identifier the API accepts (customer ids, SKUs, order ids, client order ids): 1-64
 * characters, letters, digits and {@code . _ : -}, starting with a letter or digit. Narrow enough to be safe in
 * logs, URLs and Kafka keys; wide enough for UUIDs and typical SKU schemes.
 */
public final class Ids {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    static final String RULE = "must be 1-64 characters: letters, digits and . _ : - (not first)";

    private Ids() {
    }

    public static boolean valid(final String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** Records a value error unless {@code value} is a present, valid id. */
    static void check(final List<FieldError> errors, final String pointer, final String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(pointer, "is required"));
        } else if (!valid(value)) {
            errors.add(new FieldError(pointer, RULE));
        }
    }

    /** The rule, for messages about path parameters. */
    public static String rule() {
        return RULE;
    }
}
