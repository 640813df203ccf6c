package dev.orderpipeline.consumers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where each customer wants to be told: e-mail address, webhook URL and webhook secret. Notifications carry only
 * the customer id, so this is the one source of addresses; read at start from a properties file
 * ({@code NOTIFY_CUSTOMERS_FILE}):
 *
 * <pre>
 * c-1.email=jane@example.com
 * c-1.webhook.url=https://hooks.example.com/orders
 * c-1.webhook.secret=s3cr3t
 * </pre>
 */
public record CustomerDirectory(Map<String, Contact> contacts) {

    private static final String EMAIL = ".email";
    private static final String WEBHOOK_URL = ".webhook.url";
    private static final String WEBHOOK_SECRET = ".webhook.secret";

    /** One customer's contact details; every part is optional. */
    public record Contact(Optional<String> email, Optional<URI> webhookUrl, Optional<String> webhookSecret) {
        public Contact {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(webhookUrl, "webhookUrl");
            Objects.requireNonNull(webhookSecret, "webhookSecret");
        }

        public static Contact none() {
            return new Contact(Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Contact email(final String address) {
            return new Contact(Optional.of(address), Optional.empty(), Optional.empty());
        }

        public static Contact webhook(final URI url) {
            return new Contact(Optional.empty(), Optional.of(url), Optional.empty());
        }
    }

    public CustomerDirectory {
        contacts = Map.copyOf(contacts);
    }

    public static CustomerDirectory empty() {
        return new CustomerDirectory(Map.of());
    }

    /** The contact of a customer, or {@link Contact#none()}. */
    public Contact contact(final String customerId) {
        return contacts.getOrDefault(customerId, Contact.none());
    }

    /** Reads the properties file format shown above. */
    public static CustomerDirectory load(final Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            final Properties properties = new Properties();
            properties.load(reader);
            return parse(properties);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read customer directory " + file, e);
        }
    }

    static CustomerDirectory parse(final Properties properties) {
        final Map<String, Contact> contacts = new HashMap<>();
        for (final String key : properties.stringPropertyNames()) {
            final String value = properties.getProperty(key).trim();
            if (key.endsWith(WEBHOOK_SECRET)) {
                contacts.merge(customer(key, WEBHOOK_SECRET), new Contact(Optional.empty(), Optional.empty(),
                        Optional.of(value)), CustomerDirectory::merge);
            } else if (key.endsWith(WEBHOOK_URL)) {
                contacts.merge(customer(key, WEBHOOK_URL), Contact.webhook(URI.create(value)), CustomerDirectory::merge);
            } else if (key.endsWith(EMAIL)) {
                contacts.merge(customer(key, EMAIL), Contact.email(value), CustomerDirectory::merge);
            } else {
                throw new IllegalArgumentException("Unknown customer directory key '" + key
                        + "', expected <customerId>.email, .webhook.url or .webhook.secret");
            }
        }
        return new CustomerDirectory(contacts);
    }

    private static String customer(final String key, final String suffix) {
        return key.substring(0, key.length() - suffix.length());
    }

    private static Contact merge(final Contact a, final Contact b) {
        return new Contact(a.email().or(b::email), a.webhookUrl().or(b::webhookUrl), a.webhookSecret().or(b::webhookSecret));
    }
}
