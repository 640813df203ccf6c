package dev.orderpipeline.ingest.internal.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an {@link OrderRequest} from a parsed JSON body, reporting shape errors (unknown fields, wrong JSON types)
 * with pointers instead of stopping at the first one, as data binding would.
 */
public final class OrderRequestReader {

    private static final Set<String> ORDER_FIELDS = Set.of("customerId", "currency", "items", "clientOrderId");
    private static final Set<String> ITEM_FIELDS = Set.of("sku", "quantity", "unitPriceMinor");

    private OrderRequestReader() {
    }

    /** The request, or null when the body is not even a JSON object (then {@code errors} says so). */
    public static OrderRequest read(final JsonNode body, final FieldErrors errors) {
        if (body == null || !body.isObject()) {
            errors.shape("", "must be a JSON object");
            return null;
        }
        JsonFields.rejectUnknown(body, ORDER_FIELDS, "", errors);
        return new OrderRequest(
                JsonFields.text(body, "customerId", "", errors),
                JsonFields.text(body, "currency", "", errors),
                items(body.get("items"), errors),
                JsonFields.text(body, "clientOrderId", "", errors));
    }

    private static List<OrderRequest.Item> items(final JsonNode node, final FieldErrors errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            errors.shape("/items", "must be an array, not " + JsonFields.type(node));
            return null;
        }
        final List<OrderRequest.Item> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            final JsonNode item = node.get(i);
            final String at = "/items/" + i;
            if (!item.isObject()) {
                errors.shape(at, "must be an object, not " + JsonFields.type(item));
                items.add(null);
                continue;
            }
            JsonFields.rejectUnknown(item, ITEM_FIELDS, at, errors);
            items.add(new OrderRequest.Item(
                    JsonFields.text(item, "sku", at, errors),
                    JsonFields.integer(item, "quantity", at, errors),
                    JsonFields.integer(item, "unitPriceMinor", at, errors)));
        }
        return items;
    }
}
