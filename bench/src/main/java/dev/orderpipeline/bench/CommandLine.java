package dev.orderpipeline.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few option shapes the harness's commands take: {@code --name value}, {@code --name=value} and bare
 * {@code --flag}. Unknown options are an error, so a typo never silently runs the defaults.
 */
final class CommandLine {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final Set<String> used = new HashSet<>();

    private CommandLine() {
    }

    /**
     * @param args      the arguments
     * @param flagNames options that take no value
     */
    static CommandLine parse(final String[] args, final Set<String> flagNames) {
        final CommandLine line = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            final String option = arg.substring(2);
            final int equals = option.indexOf('=');
            if (equals > 0) {
                line.values.put(option.substring(0, equals), option.substring(equals + 1));
            } else if (flagNames.contains(option)) {
                line.flags.add(option);
            } else if (i + 1 < args.length) {
                line.values.put(option, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + option + " needs a value");
            }
        }
        return line;
    }

    boolean flag(final String name) {
        used.add(name);
        return flags.contains(name);
    }

    String string(final String name, final String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    int integer(final String name, final int fallback) {
        final String value = string(name, null);
        try {
            return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'", e);
        }
    }

    double decimal(final String name, final double fallback) {
        final String value = string(name, null);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'", e);
        }
    }

    Duration duration(final String name, final Duration fallback) {
        final String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        final String v = value.trim().toLowerCase();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a duration like 30s or 5m, not '" + value + "'",
                    e);
        }
    }

    List<Integer> integers(final String name, final List<Integer> fallback) {
        final String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Integer::parseInt).toList();
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be numbers separated by commas, not '" + value
                    + "'", e);
        }
    }

    /** Fails on options nobody asked for. */
    void rejectUnknown() {
        final Set<String> unknown = new HashSet<>(values.keySet());
        unknown.addAll(flags);
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", unknown));
        }
    }
}
