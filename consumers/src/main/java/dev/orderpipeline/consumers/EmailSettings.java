package dev.orderpipeline.consumers;

import dev.orderpipeline.platform.config.Env;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How e-mail is sent. The address of a customer comes from the {@link CustomerDirectory}, else from
 * {@code addressTemplate} with {@code {customerId}} replaced (handy for demos: {@code {customerId}@example.test}).
 *
 * @param host            SMTP server ({@code NOTIFY_SMTP_HOST}, localhost)
 * @param port            SMTP port ({@code NOTIFY_SMTP_PORT}, 25)
 * @param from            sender address ({@code NOTIFY_MAIL_FROM}, orders@orderpipeline.local)
 * @param username        SMTP user, empty for no authentication ({@code NOTIFY_SMTP_USERNAME})
 * @param password        SMTP password ({@code NOTIFY_SMTP_PASSWORD})
 * @param startTls        require STARTTLS ({@code NOTIFY_SMTP_STARTTLS}, false)
 * @param connectTimeout  connect bound ({@code NOTIFY_SMTP_CONNECT_TIMEOUT}, 2s)
 * @param ioTimeout       read and write bound per SMTP command ({@code NOTIFY_SMTP_TIMEOUT}, 5s)
 * @param poolSize        pooled SMTP connections, and so parallel sends ({@code NOTIFY_SMTP_POOL_SIZE}, 4)
 * @param addressTemplate fallback address pattern ({@code NOTIFY_MAIL_ADDRESS_TEMPLATE}), if any
 */
public record EmailSettings(String host, int port, String from, String username, String password, boolean startTls,
                            Duration connectTimeout, Duration ioTimeout, int poolSize,
                            Optional<String> addressTemplate) {

    public EmailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(addressTemplate, "addressTemplate");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive, not " + poolSize);
        }
    }

    public static EmailSettings defaults() {
        return new EmailSettings("localhost", 25, "orders@orderpipeline.local", "", "", false,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 4, Optional.empty());
    }

    public static EmailSettings from(final Env env) {
        final EmailSettings d = defaults();
        return new EmailSettings(
                env.string("NOTIFY_SMTP_HOST", d.host()),
                env.integer("NOTIFY_SMTP_PORT", d.port()),
                env.string("NOTIFY_MAIL_FROM", d.from()),
                env.string("NOTIFY_SMTP_USERNAME", d.username()),
                env.string("NOTIFY_SMTP_PASSWORD", d.password()),
                env.bool("NOTIFY_SMTP_STARTTLS", d.startTls()),
                env.duration("NOTIFY_SMTP_CONNECT_TIMEOUT", d.connectTimeout()),
                env.duration("NOTIFY_SMTP_TIMEOUT", d.ioTimeout()),
                env.integer("NOTIFY_SMTP_POOL_SIZE", d.poolSize()),
                env.get("NOTIFY_MAIL_ADDRESS_TEMPLATE"));
    }

    /** Whether the server wants a login. */
    public boolean authenticates() {
        return !username.isEmpty();
    }
}
