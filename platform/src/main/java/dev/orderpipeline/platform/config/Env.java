package dev.orderpipeline.platform.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, read-only view of configuration values: environment variables overlaid by JVM system properties, so
 * {@code ORDERS_HTTP_PORT=9090} and {@code -DORDERS_HTTP_PORT=9090} both work. Each module's config record is
 * parsed from one of these in {@code main} and passed down; nothing else reads the environment.
 */
public final class Env {

    private final Map<String, String> values;

    public Env(final Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The process environment overlaid by system properties. */
    public static Env fromSystem() {
        final Map<String, String> merged = new HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> merged.put(k.toString(), v.toString()));
        return new Env(merged);
    }

    /** This view with some values replaced (used by launchers that choose defaults, like the local stack). */
    public Env with(final Map<String, String> overrides) {
        final Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Env(merged);
    }

    public Optional<String> get(final String name) {
        final String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(final String name, final String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    public String required(final String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException("Missing required setting " + name));
    }

    public int integer(final String name, final int defaultValue) {
        return get(name).map(v -> parse(name, v, Integer::parseInt)).orElse(defaultValue);
    }

    public long longValue(final String name, final long defaultValue) {
        return get(name).map(v -> parse(name, v, Long::parseLong)).orElse(defaultValue);
    }

    public boolean bool(final String name, final boolean defaultValue) {
        return get(name).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("Setting " + name + " must be true or false, not '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }).orElse(defaultValue);
    }

    /** A duration in ISO-8601 ({@code PT5S}) or as a number with a unit suffix: {@code 500ms}, {@code 5s}, {@code 2m}. */
    public Duration duration(final String name, final Duration defaultValue) {
        return get(name).map(v -> parseDuration(name, v)).orElse(defaultValue);
    }

    /** Every value whose name starts with the prefix, with the prefix removed (for Kafka client pass-through). */
    public Map<String, String> withPrefix(final String prefix) {
        final Map<String, String> result = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                result.put(k.substring(prefix.length()), v);
            }
        });
        return result;
    }

    static Duration parseDuration(final String name, final String text) {
        final String v = text.trim().toLowerCase();
        try {
            if (v.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException("Setting " + name + " is not a duration: '" + text + "'", e);
        }
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(final String name, final String value, final Parser<T> parser) {
        try {
            return parser.parse(value);
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException("Setting " + name + " is not a number: '" + value + "'", e);
        }
    }
}
