package dev.orderpipeline.consumers.internal.channel;

import java.util.Objects;

/**
 * Where one notification goes.
 *
 * @param destination low-cardinality name of the server behind the address (webhook {@code host:port}, SMTP host):
 *                    the circuit breaker key and metric tag
 * @param address     the full address (webhook URL, e-mail address)
 */
public record Recipient(String destination, String address) {
    public Recipient {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(address, "address");
    }
}
