package dev.orderpipeline.consumers.internal.channel;

import dev.orderpipeline.consumers.EmailSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps connected SMTP transports for reuse, so a burst of e-mails costs one TCP and TLS handshake (and login) per
 * pooled connection instead of one per message. The number of connections is bounded by the channel's send
 * threads, which are the only borrowers. A connection idle for longer than {@link #REVALIDATE_AFTER_NANOS} is
 * checked with a NOOP before reuse, since servers drop idle clients; one that failed is closed, not returned.
 */
final class SmtpConnectionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnectionPool.class);
    private static final long REVALIDATE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Pooled(Transport transport, long idleSinceNanos) {
    }

    private final Session session;
    private final EmailSettings settings;
    private final BlockingQueue<Pooled> idle = new LinkedBlockingQueue<>();

    SmtpConnectionPool(final Session session, final EmailSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /** A connected transport: a pooled one if available and alive, else a new connection. */
    Transport borrow() throws MessagingException {
        for (Pooled pooled = idle.poll(); pooled != null; pooled = idle.poll()) {
            final boolean fresh = System.nanoTime() - pooled.idleSinceNanos() < REVALIDATE_AFTER_NANOS;
            if (fresh || pooled.transport().isConnected()) {
                return pooled.transport();
            }
            discard(pooled.transport());
        }
        final Transport transport = session.getTransport("smtp");
        if (settings.authenticates()) {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
        } else {
            transport.connect();
        }
        return transport;
    }

    /** Returns a healthy transport for reuse. */
    void release(final Transport transport) {
        idle.add(new Pooled(transport, System.nanoTime()));
    }

    /** Closes a transport that failed; it may be half-way through an SMTP dialogue. */
    void discard(final Transport transport) {
        try {
            transport.close();
        } catch (final MessagingException e) {
            LOG.debug("Closing a failed SMTP connection: {}", e.toString());
        }
    }

    @Override
    public void close() {
        for (Pooled pooled = idle.poll(); pooled != null; pooled = idle.poll()) {
            discard(pooled.transport());
        }
    }
}
