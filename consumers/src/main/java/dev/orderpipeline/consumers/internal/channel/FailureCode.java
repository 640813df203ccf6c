package dev.orderpipeline.consumers.internal.channel;

/**
 * Why a delivery attempt failed, in few enough values to tag metrics and fill {@code dlq.reason}. Whether a retry
 * helps is decided by the {@link DeliveryOutcome} variant, not by the code.
 */
public enum FailureCode {
    /** The endpoint answered 5xx (or SMTP 4xx): retrying later helps. */
    SERVER_ERROR,
    /** The endpoint asked to slow down (HTTP 408, 425, 429). */
    THROTTLED,
    /** No answer within the request timeout. */
    TIMEOUT,
    /** The connection could not be made or broke. */
    CONNECTION_FAILED,
    /** The destination's circuit breaker is open: not even tried. */
    CIRCUIT_OPEN,
    /** The webhook refused the request with a 4xx (or answered a redirect): the same request will fail again. */
    WEBHOOK_REJECTED,
    /** The SMTP server refused the message or recipient for good (5xx). */
    SMTP_REJECTED,
    /** The e-mail address is not a valid address. */
    INVALID_ADDRESS,
    /** Neither the customer directory nor a default names where to send. */
    NO_RECIPIENT,
    /** The notification itself is unusable (e.g. no event id). */
    INVALID_NOTIFICATION,
    /** Something this code did not foresee; treated as transient so it is retried, then dead-lettered. */
    UNEXPECTED
}
