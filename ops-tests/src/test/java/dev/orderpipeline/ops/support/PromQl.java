package dev.orderpipeline.ops.support;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL for the contract tests: the metric names an expression selects. Strings, label matchers,
 * ranges and grouping clauses are removed first; what remains that is not a function, an aggregation (both followed
 * by {@code (}) or a keyword is a metric name.
 */
public final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "offset", "bool", "and", "or", "unless", "inf", "nan", "Inf", "NaN", "atan2");

    private PromQl() {
    }

    /** The metric names selected by an expression. */
    public static Set<String> metricNames(final String expression) {
        String text = STRING.matcher(expression).replaceAll("\"\"");
        text = MATCHERS.matcher(text).replaceAll("{}");
        text = RANGE.matcher(text).replaceAll("[]");
        text = GROUPING.matcher(text).replaceAll(" ");
        final Set<String> names = new TreeSet<>();
        final Matcher matcher = IDENTIFIER.matcher(text);
        while (matcher.find()) {
            final String name = matcher.group(1);
            if (!KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
