package dev.orderpipeline.ingest.internal.orders;

import dev.orderpipeline.platform.http.Problem.FieldError;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The value rules of an order, each problem with a JSON pointer, so a client can fix them all at once. The saga
 * validates again (orders can also be produced directly), so these rules are a fast, friendly first line, not the
 * only one.
 */
public final class OrderValidator {

    /** Most line items in one order. */
    public static final int MAX_ITEMS = 100;
    /** Most units of one line item. */
    public static final int MAX_QUANTITY = 10_000;
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final long maxOrderTotalMinor;

    public OrderValidator(final long maxOrderTotalMinor) {
        this.maxOrderTotalMinor = maxOrderTotalMinor;
    }

    /** Whether this is an ISO-4217 code the JVM knows. */
    public static boolean isCurrency(final String code) {
        return code != null && CURRENCIES.contains(code);
    }

    /** Every problem of the request; empty when it is valid. */
    public List<FieldError> validate(final OrderRequest request) {
        final List<FieldError> found = new ArrayList<>();
        Ids.check(found, "/customerId", request.customerId());
        if (request.clientOrderId() != null) {
            Ids.check(found, "/clientOrderId", request.clientOrderId());
        }
        if (request.currency() == null) {
            found.add(new FieldError("/currency", "is required"));
        } else if (!isCurrency(request.currency())) {
            found.add(new FieldError("/currency", "must be an ISO-4217 currency code such as EUR"));
        }
        final List<OrderRequest.Item> items = request.items();
        if (items == null) {
            found.add(new FieldError("/items", "is required"));
        } else {
            items(items, found);
        }
        return found;
    }

    private void items(final List<OrderRequest.Item> items, final List<FieldError> found) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            found.add(new FieldError("/items", "must have between 1 and " + MAX_ITEMS + " items"));
        }
        long total = 0;
        boolean totalKnown = true;
        for (int i = 0; i < items.size(); i++) {
            final OrderRequest.Item item = items.get(i);
            final String at = "/items/" + i;
            if (item == null) {
                totalKnown = false;
                continue;
            }
            Ids.check(found, at + "/sku", item.sku());
            final Long quantity = item.quantity();
            final Long price = item.unitPriceMinor();
            if (quantity == null) {
                found.add(new FieldError(at + "/quantity", "is required"));
            } else if (quantity < 1 || quantity > MAX_QUANTITY) {
                found.add(new FieldError(at + "/quantity", "must be between 1 and " + MAX_QUANTITY));
            }
            if (price == null) {
                found.add(new FieldError(at + "/unitPriceMinor", "is required"));
            } else if (price < 0) {
                found.add(new FieldError(at + "/unitPriceMinor", "must not be negative"));
            }
            if (quantity == null || price == null || price < 0 || quantity < 1 || quantity > MAX_QUANTITY) {
                totalKnown = false;
            } else if (totalKnown) {
                total = addLine(total, quantity, price);
            }
        }
        if (totalKnown && total > maxOrderTotalMinor) {
            found.add(new FieldError("/items", "order total " + (total == Long.MAX_VALUE ? "above " + Long.MAX_VALUE : total)
                    + " exceeds the limit of " + maxOrderTotalMinor + " minor units"));
        }
    }

    /** Adds quantity x price to the total, saturating instead of overflowing. */
    private static long addLine(final long total, final long quantity, final long price) {
        try {
            return Math.addExact(total, Math.multiplyExact(quantity, price));
        } catch (final ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
