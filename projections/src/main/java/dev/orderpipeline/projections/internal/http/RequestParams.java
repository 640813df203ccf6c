package dev.orderpipeline.projections.internal.http;

import dev.orderpipeline.platform.http.Problem.FieldError;
import dev.orderpipeline.platform.http.ProblemException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and checks request parameters into values; anything wrong is a 400 naming the parameter. */
final class RequestParams {

    /** Longest range of months one request may ask for: ten years. */
    static final int MAX_RANGE_MONTHS = 120;
    /** Longest order or customer id accepted; ids are UUIDs or short codes, so this only stops abuse. */
    static final int MAX_ID_LENGTH = 128;

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s)?");
    private static final String MONTH_FORMAT = "must be a month as YYYY-MM, e.g. 2026-11";

    /** An inclusive range of months. */
    record MonthRange(YearMonth from, YearMonth to) {
    }

    private RequestParams() {
    }

    static YearMonth month(final String name, final String text) {
        final List<FieldError> errors = new ArrayList<>();
        final YearMonth month = month(name, text, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid parameter '" + name + "'", errors);
        }
        return month;
    }

    static MonthRange range(final String fromText, final String toText) {
        final List<FieldError> errors = new ArrayList<>();
        final YearMonth from = month("from", fromText, errors);
        final YearMonth to = month("to", toText, errors);
        if (errors.isEmpty() && to.isBefore(from)) {
            errors.add(new FieldError("#to", "must not be before from (" + from + ")"));
        }
        if (errors.isEmpty() && ChronoUnit.MONTHS.between(from, to) + 1 > MAX_RANGE_MONTHS) {
            errors.add(new FieldError("#to", "the range may span at most " + MAX_RANGE_MONTHS + " months"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid month range", errors);
        }
        return new MonthRange(from, to);
    }

    /** A comma-separated list of at most {@code max} months. */
    static List<YearMonth> months(final String name, final String text, final int max) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalidParameter(name, "is required: months as YYYY-MM, separated by commas");
        }
        final String[] parts = text.split(",", -1);
        if (parts.length > max) {
            throw ProblemException.invalidParameter(name, "may list at most " + max + " months");
        }
        final List<YearMonth> months = new ArrayList<>(parts.length);
        for (final String part : parts) {
            months.add(month(name, part.trim()));
        }
        return months;
    }

    static int integer(final String name, final String text, final int defaultValue, final int min, final int max) {
        if (text == null) {
            return defaultValue;
        }
        try {
            final int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (final NumberFormatException e) {
            // reported below, like a value out of range
        }
        throw ProblemException.invalidParameter(name, "must be a whole number from " + min + " to " + max);
    }

    /** A wait like {@code 5s}, {@code 500ms} or {@code 5} (seconds), more than zero and at most {@code max}. */
    static Duration duration(final String name, final String text, final Duration max) {
        final Matcher matcher = text == null ? null : DURATION.matcher(text.trim());
        if (matcher != null && matcher.matches()) {
            final long amount = Long.parseLong(matcher.group(1));
            final Duration value = "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
            if (!value.isZero() && value.compareTo(max) <= 0) {
                return value;
            }
        }
        throw ProblemException.invalidParameter(name, "must be a duration like 5s or 500ms, more than 0 and at most "
                + max.toMillis() + "ms");
    }

    static String id(final String name, final String text) {
        if (text == null || text.isBlank() || text.length() > MAX_ID_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidParameter(name, "must be 1 to " + MAX_ID_LENGTH
                    + " characters without control characters");
        }
        return text;
    }

    private static YearMonth month(final String name, final String text, final List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("#" + name, "is required; " + MONTH_FORMAT));
            return null;
        }
        if (MONTH.matcher(text).matches()) {
            try {
                return YearMonth.parse(text);
            } catch (final DateTimeParseException e) {
                // reported below, like any other malformed month
            }
        }
        errors.add(new FieldError("#" + name, MONTH_FORMAT));
        return null;
    }
}
