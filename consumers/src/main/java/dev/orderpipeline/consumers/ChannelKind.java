package dev.orderpipeline.consumers;

import java.util.Locale;

/** How notifications leave the system. One channel per deployment; run another deployment for another channel. */
public enum ChannelKind {
    /** Writes each notification to the application log: the default of the local stack. */
    LOG,
    /** Templated plain-text and HTML e-mail over SMTP. */
    EMAIL,
    /** Signed JSON POSTed to the customer's webhook URL. */
    WEBHOOK;

    /** Parses {@code log}, {@code email} or {@code webhook}, in any case. */
    public static ChannelKind parse(final String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown notification channel '" + text + "', expected log, email or webhook", e);
        }
    }

    /** Lower-case name used in metric tags, headers and logs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
