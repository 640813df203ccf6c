package dev.orderpipeline.consumers.internal.channel;

import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail templates per notification kind: {@code templates/<kind>.txt} (first line {@code Subject: ...}) and
 * {@code templates/<kind>.html} on the classpath, with {@code {{name}}} placeholders for {@code orderId},
 * {@code customerId}, {@code total}, {@code reason}, {@code eventId} and {@code requestedAt}. Values are HTML-escaped
 * in the HTML part. Loaded and checked once at start, so a broken template fails the start, not a delivery.
 */
public final class MessageTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final String SUBJECT_PREFIX = "Subject:";

    private record Template(String subject, String text, String html) {
    }

    private final Map<NotificationKind, Template> templates;

    private MessageTemplates(final Map<NotificationKind, Template> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** The templates shipped in this module. */
    public static MessageTemplates fromClasspath() {
        final Map<NotificationKind, Template> templates = new EnumMap<>(NotificationKind.class);
        for (final NotificationKind kind : NotificationKind.values()) {
            templates.put(kind, load(kind));
        }
        return new MessageTemplates(templates);
    }

    /** Renders the message for one notification. */
    RenderedMessage render(final NotificationRequested n) {
        final Template template = templates.get(n.getKind());
        final Map<String, String> values = Map.of(
                "orderId", n.getOrderId(),
                "customerId", n.getCustomerId(),
                "total", formatTotal(n.getTotalMinor(), n.getCurrency()),
                "reason", reason(n),
                "eventId", n.getEventId(),
                "requestedAt", n.getRequestedAt().toString());
        return new RenderedMessage(
                fill(template.subject(), values, UnaryOperator.identity()),
                fill(template.text(), values, UnaryOperator.identity()),
                fill(template.html(), values, MessageTemplates::escapeHtml));
    }

    /** Minor units to a decimal amount with the currency's digits, e.g. 2500 EUR to {@code 25.00 EUR}. */
    static String formatTotal(final long totalMinor, final String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (final IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(totalMinor, digits).toPlainString() + " " + currency;
    }

    private static String reason(final NotificationRequested n) {
        if (n.getReasonMessage() != null && !n.getReasonMessage().isBlank()) {
            return n.getReasonMessage();
        }
        return n.getReasonCode() == null ? "" : n.getReasonCode();
    }

    private static String fill(final String template, final Map<String, String> values, final UnaryOperator<String> escape) {
        final Matcher matcher = PLACEHOLDER.matcher(template);
        final StringBuilder out = new StringBuilder(template.length() + 64);
        while (matcher.find()) {
            final String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : escape.apply(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String escapeHtml(final String text) {
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Template load(final NotificationKind kind) {
        final String base = "templates/" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        final String text = resource(base + ".txt");
        final int firstBreak = text.indexOf('\n');
        if (!text.startsWith(SUBJECT_PREFIX) || firstBreak < 0) {
            throw new IllegalStateException("Template " + base + ".txt must start with a 'Subject:' line");
        }
        return new Template(text.substring(SUBJECT_PREFIX.length(), firstBreak).strip(),
                text.substring(firstBreak + 1).stripLeading(), resource(base + ".html"));
    }

    private static String resource(final String name) {
        try (InputStream in = MessageTemplates.class.getResourceAsStream("/dev/orderpipeline/consumers/" + name)) {
            Objects.requireNonNull(in, () -> "Missing e-mail template " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read e-mail template " + name, e);
        }
    }
}
