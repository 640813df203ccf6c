package dev.orderpipeline.projections.internal.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keys of the customer-orders store: {@code <length of customer id>:<customer id><newness><orderId>}, where
 * newness is {@code Long.MAX_VALUE - createdAt millis} as 19 digits plus {@code |}. Byte-wise order then lists one
 * customer's orders newest first, ties broken by order id.
 *
 * <p>The length prefix makes the customer part unambiguous whatever characters ids contain ({@code "c-1"} and
 * {@code "c-10"} get {@code "3:c-1"} and {@code "4:c-10"}), so a customer's entries are exactly the keys from
 * {@link #first} to {@link #last}: the character after the prefix is always a digit, and {@code '~'} sorts after
 * every digit. Records stay partitioned by customer id, so one customer's orders live in one partition.
 *
 * <p>A page cursor is the part of the last key after the customer prefix, base64url-encoded: opaque to clients,
 * stable across instances, and the next page starts right after it.
 */
public final class CustomerOrderKeys {

    private static final Pattern SUFFIX = Pattern.compile("\\d{19}\\|.+", Pattern.DOTALL);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private CustomerOrderKeys() {
    }

    public static String key(final String customerId, final Instant orderCreatedAt, final String orderId) {
        return prefix(customerId) + suffix(orderCreatedAt, orderId);
    }

    /** Lowest key of a customer (inclusive). */
    public static String first(final String customerId) {
        return prefix(customerId);
    }

    /** The first key after the cursor's entry (inclusive): the key followed by U+0000 is its immediate successor. */
    public static String after(final String customerId, final Cursor cursor) {
        return prefix(customerId) + cursor.suffix() + '\u0000';
    }

    /** A bound above every key of a customer (inclusive, never a real key). */
    public static String last(final String customerId) {
        return prefix(customerId) + '~';
    }

    /** The cursor pointing at this key of this customer. */
    public static Cursor cursorAt(final String customerId, final String key) {
        return new Cursor(key.substring(prefix(customerId).length()));
    }

    private static String prefix(final String customerId) {
        return customerId.length() + ":" + customerId;
    }

    private static String suffix(final Instant orderCreatedAt, final String orderId) {
        // Orders from before 1970 are not real; clamping keeps the subtraction from overflowing.
        final long newness = Long.MAX_VALUE - Math.max(0L, orderCreatedAt.toEpochMilli());
        final String digits = Long.toString(newness);
        return "0".repeat(19 - digits.length()) + digits + '|' + orderId;
    }

    /**
     * Where a page ends: the key suffix of its last entry.
     *
     * @param suffix newness digits, {@code |}, order id
     */
    public record Cursor(String suffix) {

        /** The token handed to clients. */
        public String token() {
            return ENCODER.encodeToString(suffix.getBytes(StandardCharsets.UTF_8));
        }

        /** Reads a client's token; empty if it was not made by {@link #token()}. */
        public static Optional<Cursor> parse(final String token) {
            try {
                final String suffix = new String(DECODER.decode(token), StandardCharsets.UTF_8);
                return SUFFIX.matcher(suffix).matches() ? Optional.of(new Cursor(suffix)) : Optional.empty();
            } catch (final IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
