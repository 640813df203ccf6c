package dev.orderpipeline.consumers.internal.channel;

import dev.orderpipeline.consumers.ChannelKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes notifications to the log: the local stack's default, and what to use when nobody should be e-mailed. */
public final class LogChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(LogChannel.class);
    private static final Recipient LOG_RECIPIENT = new Recipient("log", "log");

    @Override
    public ChannelKind kind() {
        return ChannelKind.LOG;
    }

    @Override
    public Resolution resolve(final NotificationRequested notification) {
        return Resolution.of(LOG_RECIPIENT);
    }

    @Override
    public CompletableFuture<DeliveryOutcome> send(final NotificationRequested notification, final Recipient recipient) {
        LOG.info("Notify customer {}: order {} {} ({} {} minor units{}) eventId={}", notification.getCustomerId(),
                notification.getOrderId(), notification.getKind(), notification.getCurrency(),
                notification.getTotalMinor(),
                notification.getReasonCode() == null ? "" : ", reason " + notification.getReasonCode(),
                notification.getEventId());
        return CompletableFuture.completedFuture(DeliveryOutcome.delivered());
    }

    @Override
    public int maxConcurrency() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
