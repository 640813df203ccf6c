package dev.orderpipeline.ingest.internal.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderpipeline.platform.http.Problem.FieldError;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the admin bodies that load stock and funds: {@code {"set": n}} or {@code {"adjust": d}} (plus
 * {@code "currency"} for funds). Exactly one of {@code set} and {@code adjust}; {@code set} is idempotent, so it is
 * what scripts that may retry should send.
 */
public final class AdjustmentReader {

    /** Largest stock level or stock delta. */
    public static final long MAX_STOCK = 1_000_000_000L;
    /** Largest amount or delta of funds, in minor units. */
    public static final long MAX_FUNDS_MINOR = 1_000_000_000_000_000L;

    private static final Set<String> INVENTORY_FIELDS = Set.of("set", "adjust");
    private static final Set<String> ACCOUNT_FIELDS = Set.of("currency", "set", "adjust");

    private AdjustmentReader() {
    }

    /** The stock change, or null when {@code errors} is not empty. */
    public static InventoryCommand inventory(final String sku, final JsonNode body, final FieldErrors errors) {
        pathId(errors, "sku", sku);
        if (!object(body, errors)) {
            return null;
        }
        JsonFields.rejectUnknown(body, INVENTORY_FIELDS, "", errors);
        final Change change = change(body, MAX_STOCK, errors);
        return errors.isEmpty() ? new InventoryCommand(sku, change.kind(), change.amount()) : null;
    }

    /** The funds change, or null when {@code errors} is not empty. */
    public static AccountCommand account(final String customerId, final JsonNode body, final FieldErrors errors) {
        pathId(errors, "customerId", customerId);
        if (!object(body, errors)) {
            return null;
        }
        JsonFields.rejectUnknown(body, ACCOUNT_FIELDS, "", errors);
        final String currency = JsonFields.text(body, "currency", "", errors);
        if (currency == null && !body.hasNonNull("currency")) {
            errors.value("/currency", "is required");
        } else if (currency != null && !OrderValidator.isCurrency(currency)) {
            errors.value("/currency", "must be an ISO-4217 currency code such as EUR");
        }
        final Change change = change(body, MAX_FUNDS_MINOR, errors);
        return errors.isEmpty() ? new AccountCommand(customerId, currency, change.kind(), change.amount()) : null;
    }

    private record Change(AdjustmentKind kind, long amount) {
    }

    private static Change change(final JsonNode body, final long max, final FieldErrors errors) {
        final Long set = JsonFields.integer(body, "set", "", errors);
        final Long adjust = JsonFields.integer(body, "adjust", "", errors);
        if (body.hasNonNull("set") == body.hasNonNull("adjust")) {
            errors.value("", "give exactly one of 'set' and 'adjust'");
            return new Change(AdjustmentKind.SET, 0);
        }
        if (set != null) {
            if (set < 0 || set > max) {
                errors.value("/set", "must be between 0 and " + max);
            }
            return new Change(AdjustmentKind.SET, set);
        }
        if (adjust != null) {
            if (adjust == 0 || Math.abs(adjust) > max) {
                errors.value("/adjust", "must be non-zero and between -" + max + " and " + max);
            }
            return new Change(AdjustmentKind.ADJUST, adjust);
        }
        return new Change(AdjustmentKind.SET, 0);
    }

    private static boolean object(final JsonNode body, final FieldErrors errors) {
        if (body == null || !body.isObject()) {
            errors.shape("", "must be a JSON object");
            return false;
        }
        return true;
    }

    private static void pathId(final FieldErrors errors, final String name, final String value) {
        final List<FieldError> found = new ArrayList<>();
        Ids.check(found, "#" + name, value);
        found.forEach(e -> errors.shape(e.pointer(), e.message()));
    }
}
