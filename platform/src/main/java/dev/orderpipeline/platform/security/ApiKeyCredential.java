package dev.orderpipeline.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One accepted API key, stored as its SHA-256 hash only, so configuration files, environment dumps and heap dumps
 * never reveal a usable key.
 *
 * <p>A fast hash is enough here, unlike for passwords: API keys are long random strings, so there is nothing to
 * brute-force, and the hash is computed on every request.
 *
 * <p>Configuration form, one entry per line or separated by {@code ;}:
 * <pre>
 * subject|sha256:&lt;64 hex digits&gt;|role[,role...][|customerId]
 * loader|sha256:5e88...42d8|admin
 * web-c-1|sha256:9f86...0a08|orders:write,orders:read|c-1
 * </pre>
 * The hash of a key is {@code printf %s "$KEY" | sha256sum}.
 *
 * @param subject    name of the key's holder; becomes {@link Principal#subject()}
 * @param sha256Hex  lowercase hex SHA-256 of the key's UTF-8 bytes
 * @param roles      roles of the holder
 * @param customerId the customer the holder acts for, if bound to one
 */
public record ApiKeyCredential(String subject, String sha256Hex, Set<Role> roles, Optional<String> customerId) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final String HASH_PREFIX = "sha256:";

    public ApiKeyCredential {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(customerId, "customerId");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("An API key needs a subject");
        }
        sha256Hex = sha256Hex.toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("API key '" + subject + "': hash must be 64 hex digits of SHA-256");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The hex SHA-256 of a key as stored in configuration. */
    public static String hash(final String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The principal of whoever presents this key. */
    public Principal principal() {
        return new Principal(subject, customerId, roles);
    }

    /**
     * Parses entries in the configuration form above; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the bad entry (by subject, never by hash)
     */
    public static List<ApiKeyCredential> parseAll(final String text) {
        final List<ApiKeyCredential> result = new ArrayList<>();
        for (final String raw : text.split("[;\\n]")) {
            final String entry = raw.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                result.add(parse(entry));
            }
        }
        return result;
    }

    static ApiKeyCredential parse(final String entry) {
        final String[] parts = entry.split("\\|", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("API key entry must be 'subject|sha256:<hex>|roles[|customerId]', got "
                    + parts.length + " field(s) for '" + parts[0].strip() + "'");
        }
        final String subject = parts[0].strip();
        final String hash = parts[1].strip();
        if (!hash.startsWith(HASH_PREFIX)) {
            throw new IllegalArgumentException("API key '" + subject + "': give the hash as sha256:<hex>, never the key");
        }
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        for (final String id : parts[2].split(",")) {
            if (!id.isBlank()) {
                roles.add(Role.fromId(id.strip()).orElseThrow(() -> new IllegalArgumentException("API key '" + subject
                        + "': unknown role '" + id.strip() + "', expected one of " + List.of(Role.values()))));
            }
        }
        final Optional<String> customer = parts.length == 4 && !parts[3].isBlank()
                ? Optional.of(parts[3].strip()) : Optional.empty();
        return new ApiKeyCredential(subject, hash.substring(HASH_PREFIX.length()), roles, customer);
    }
}
