package dev.orderpipeline.topology;

import dev.orderpipeline.platform.config.Env;
import java.util.Arrays;
import java.util.Currency;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The business rules the saga validates orders against. Orders may be produced straight to the {@code orders} topic,
 * so these rules are enforced here whatever ingest already checked.
 *
 * @param maxOrderTotalMinor largest order total accepted, in minor units of the order's currency
 *                           ({@code ORDER_SAGA_MAX_TOTAL_MINOR}, default 100,000,000 as in ingest)
 * @param acceptedCurrencies ISO-4217 codes accepted ({@code ORDER_SAGA_CURRENCIES}, comma-separated; default every
 *                           code the JVM knows)
 * @param maxLineItems       most line items per order ({@code ORDER_SAGA_MAX_LINE_ITEMS}, default 100): each distinct
 *                           SKU costs one reservation round trip
 */
public record SagaSettings(long maxOrderTotalMinor, Set<String> acceptedCurrencies, int maxLineItems) {

    public SagaSettings {
        if (maxOrderTotalMinor < 0) {
            throw new IllegalArgumentException("maxOrderTotalMinor must not be negative: " + maxOrderTotalMinor);
        }
        if (maxLineItems < 1) {
            throw new IllegalArgumentException("maxLineItems must be at least 1: " + maxLineItems);
        }
        acceptedCurrencies = Set.copyOf(Objects.requireNonNull(acceptedCurrencies, "acceptedCurrencies"));
        if (acceptedCurrencies.isEmpty()) {
            throw new IllegalArgumentException("acceptedCurrencies must not be empty");
        }
    }

    /** The defaults: 100,000,000 minor units, every ISO-4217 currency, 100 line items. */
    public static SagaSettings defaults() {
        return new SagaSettings(100_000_000L, isoCurrencies(), 100);
    }

    /** Reads the {@code ORDER_SAGA_*} settings; unset ones take their {@link #defaults()}. */
    public static SagaSettings from(final Env env) {
        final SagaSettings d = defaults();
        return new SagaSettings(
                env.longValue("ORDER_SAGA_MAX_TOTAL_MINOR", d.maxOrderTotalMinor()),
                env.get("ORDER_SAGA_CURRENCIES").map(SagaSettings::parseCurrencies).orElse(d.acceptedCurrencies()),
                env.integer("ORDER_SAGA_MAX_LINE_ITEMS", d.maxLineItems()));
    }

    /** These settings with a different total limit. */
    public SagaSettings withMaxOrderTotalMinor(final long limit) {
        return new SagaSettings(limit, acceptedCurrencies, maxLineItems);
    }

    /** These settings with a different set of currencies. */
    public SagaSettings withAcceptedCurrencies(final Set<String> currencies) {
        return new SagaSettings(maxOrderTotalMinor, currencies, maxLineItems);
    }

    private static Set<String> isoCurrencies() {
        return Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> parseCurrencies(final String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(code -> !code.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
