package dev.orderpipeline.consumers.internal.dedupe;

/** The value of a {@code notifications-delivered} record: how the event id was settled. */
public enum SettledMark {
    /** The channel accepted the notification. */
    DELIVERED,
    /** It went to the dead-letter topic; a duplicate would go there again, so it is suppressed too. */
    DEAD_LETTERED
}
