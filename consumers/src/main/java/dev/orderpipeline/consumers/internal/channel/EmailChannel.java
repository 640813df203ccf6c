package dev.orderpipeline.consumers.internal.channel;

import dev.orderpipeline.consumers.ChannelKind;
import dev.orderpipeline.consumers.CustomerDirectory;
import dev.orderpipeline.consumers.EmailSettings;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends templated e-mail (plain text with an HTML alternative) over SMTP through a {@link SmtpConnectionPool}.
 * SMTP is blocking, so sends run on {@code poolSize} threads of their own, never on the consumer's. Every SMTP
 * wait is bounded by the connect and I/O timeouts.
 *
 * <p>The {@code Message-ID} is derived from the event id, so the one re-send a crash can cause is recognisable
 * (and dropped by many mail systems) as the same message.
 *
 * <p>Answers: accepted delivered; malformed or refused (5xx) recipients permanent; other 5xx permanent; 4xx,
 * timeouts and connection or login failures transient.
 */
public final class EmailChannel implements Channel {

    private final EmailSettings settings;
    private final CustomerDirectory customers;
    private final MessageTemplates templates;
    private final Session session;
    private final SmtpConnectionPool pool;
    private final ExecutorService senders;
    private final InternetAddress from;

    public EmailChannel(final EmailSettings settings, final CustomerDirectory customers, final MessageTemplates templates) {
        this.settings = settings;
        this.customers = customers;
        this.templates = templates;
        this.session = Session.getInstance(sessionProperties(settings));
        this.pool = new SmtpConnectionPool(session, settings);
        final AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.poolSize(), r -> {
            final Thread thread = new Thread(r, "notification-smtp-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (final AddressException e) {
            throw new IllegalArgumentException("NOTIFY_MAIL_FROM is not an e-mail address: " + settings.from(), e);
        }
    }

    private static Properties sessionProperties(final EmailSettings settings) {
        final Properties props = new Properties();
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", Integer.toString(settings.port()));
        props.put("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", Long.toString(settings.ioTimeout().toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(settings.ioTimeout().toMillis()));
        props.put("mail.smtp.auth", Boolean.toString(settings.authenticates()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        props.put("mail.smtp.quitwait", "false");
        return props;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public Resolution resolve(final NotificationRequested notification) {
        final String customerId = notification.getCustomerId();
        final Optional<String> address = customers.contact(customerId).email()
                .or(() -> settings.addressTemplate().map(t -> t.replace("{customerId}", customerId)));
        if (address.isEmpty()) {
            return Resolution.unresolved(FailureCode.NO_RECIPIENT, "No e-mail address for customer " + customerId);
        }
        try {
            final InternetAddress parsed = new InternetAddress(address.get(), true);
            if (parsed.getAddress().indexOf('@') < 1) {
                return Resolution.unresolved(FailureCode.INVALID_ADDRESS, "'" + address.get() + "' has no domain");
            }
            return Resolution.of(new Recipient(settings.host() + ":" + settings.port(), parsed.getAddress()));
        } catch (final AddressException e) {
            return Resolution.unresolved(FailureCode.INVALID_ADDRESS,
                    "'" + address.get() + "' is not an e-mail address: " + e.getMessage());
        }
    }

    @Override
    public CompletableFuture<DeliveryOutcome> send(final NotificationRequested notification, final Recipient recipient) {
        final CompletableFuture<DeliveryOutcome> result = new CompletableFuture<>();
        try {
            senders.execute(() -> {
                // Completed already means the caller gave up on this attempt (time bound) and will retry it:
                // sending now would deliver twice.
                if (!result.isDone()) {
                    result.complete(sendNow(notification, recipient));
                }
            });
        } catch (final RejectedExecutionException e) {
            result.complete(DeliveryOutcome.transientFailure(FailureCode.UNEXPECTED, "E-mail channel is closing", e));
        }
        return result;
    }

    /** One send per pooled connection and thread. */
    @Override
    public int maxConcurrency() {
        return settings.poolSize();
    }

    private DeliveryOutcome sendNow(final NotificationRequested notification, final Recipient recipient) {
        final MimeMessage message;
        try {
            message = compose(notification, recipient);
        } catch (final MessagingException e) {
            return DeliveryOutcome.permanentFailure(FailureCode.INVALID_NOTIFICATION,
                    "Cannot compose e-mail: " + e.getMessage(), e);
        }
        Transport transport = null;
        try {
            transport = pool.borrow();
            transport.sendMessage(message, message.getAllRecipients());
            pool.release(transport);
            return DeliveryOutcome.delivered();
        } catch (final MessagingException | RuntimeException e) {
            if (transport != null) {
                pool.discard(transport);
            }
            return classify(e);
        }
    }

    private MimeMessage compose(final NotificationRequested n, final Recipient recipient) throws MessagingException {
        final RenderedMessage rendered = templates.render(n);
        final MimeMessage message = new EventMimeMessage(session, n.getEventId());
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient.address()));
        message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
        message.setHeader("X-Event-Id", n.getEventId());
        final MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
        final MimeBodyPart html = new MimeBodyPart();
        html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    static DeliveryOutcome classify(final Exception error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException refused) {
                return byReplyCode(refused.getReturnCode(), FailureCode.INVALID_ADDRESS, refused);
            }
            if (t instanceof SMTPSendFailedException failed) {
                return byReplyCode(failed.getReturnCode(), FailureCode.SMTP_REJECTED, failed);
            }
            if (t instanceof AuthenticationFailedException) {
                return DeliveryOutcome.transientFailure(FailureCode.CONNECTION_FAILED, "SMTP login failed: " + t.getMessage(), t);
            }
            if (t instanceof SocketTimeoutException) {
                return DeliveryOutcome.transientFailure(FailureCode.TIMEOUT, "SMTP timeout: " + t.getMessage(), t);
            }
            if (t instanceof IOException) {
                return DeliveryOutcome.transientFailure(FailureCode.CONNECTION_FAILED, "SMTP connection: " + t, t);
            }
        }
        if (error instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                && sendFailed.getInvalidAddresses().length > 0) {
            return DeliveryOutcome.permanentFailure(FailureCode.INVALID_ADDRESS, error.getMessage(), error);
        }
        return DeliveryOutcome.transientFailure(FailureCode.UNEXPECTED, error.toString(), error);
    }

    private static DeliveryOutcome byReplyCode(final int code, final FailureCode permanent, final Exception e) {
        final String message = "SMTP " + code + ": " + e.getMessage().strip();
        return code >= 500
                ? DeliveryOutcome.permanentFailure(permanent, message, e)
                : DeliveryOutcome.transientFailure(FailureCode.SERVER_ERROR, message, e);
    }

    private static Throwable next(final Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    @Override
    public void close() {
        senders.shutdown();
        try {
            if (!senders.awaitTermination(settings.ioTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (final InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
        pool.close();
    }

    /** A message whose {@code Message-ID} is fixed by the event id instead of random per send. */
    private static final class EventMimeMessage extends MimeMessage {
        private final String eventId;

        EventMimeMessage(final Session session, final String eventId) {
            super(session);
            this.eventId = eventId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + eventId + "@notifications.orderpipeline>");
        }
    }
}
