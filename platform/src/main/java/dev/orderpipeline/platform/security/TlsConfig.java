package dev.orderpipeline.platform.security;

import dev.orderpipeline.platform.config.Env;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS for a service's HTTP server: a PKCS12 (or JKS) keystore holding the server's private key and certificate
 * chain. When configured, the server listens with TLS only, on the same port.
 *
 * <ul>
 * <li>{@code HTTP_TLS_KEYSTORE}: path of the keystore; TLS is off when unset</li>
 * <li>{@code HTTP_TLS_KEYSTORE_PASSWORD}: its password (also used for the key)</li>
 * <li>{@code HTTP_TLS_KEYSTORE_TYPE}: {@code PKCS12} (default) or {@code JKS}</li>
 * </ul>
 *
 * @param keyStore keystore file
 * @param password keystore and key password
 * @param type     keystore type
 */
public record TlsConfig(Path keyStore, String password, String type) {

    public TlsConfig {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(type, "type");
    }

    /**
     * The TLS settings, if {@code HTTP_TLS_KEYSTORE} is set. The keystore is opened once here so that a wrong path
     * or password stops the service at start-up.
     *
     * @throws IllegalArgumentException when the keystore cannot be opened
     */
    public static Optional<TlsConfig> from(final Env env) {
        final Optional<String> path = env.get("HTTP_TLS_KEYSTORE");
        if (path.isEmpty()) {
            return Optional.empty();
        }
        final TlsConfig config = new TlsConfig(Path.of(path.get()), env.required("HTTP_TLS_KEYSTORE_PASSWORD"),
                env.string("HTTP_TLS_KEYSTORE_TYPE", "PKCS12"));
        config.load();
        return Optional.of(config);
    }

    /** Opens the keystore. */
    public KeyStore load() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            final KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            return store;
        } catch (final IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot open HTTP_TLS_KEYSTORE " + keyStore + " as " + type + ": "
                    + e.getMessage(), e);
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "TlsConfig[keyStore=" + keyStore + ", type=" + type + "]";
    }
}
