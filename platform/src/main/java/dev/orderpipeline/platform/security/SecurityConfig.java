package dev.orderpipeline.platform.security;

import dev.orderpipeline.platform.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the HTTP APIs of a process, read from the environment:
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><td>{@code SECURITY_PROFILE}</td><td>{@code production} (default) or {@code local}, see {@link SecurityProfile}</td></tr>
 * <tr><td>{@code SECURITY_DEV_API_KEY}</td><td>value of the development key in the local profile (default
 *     {@value #DEFAULT_DEV_API_KEY}, role admin); setting it in production is an error</td></tr>
 * <tr><td>{@code SECURITY_API_KEYS}</td><td>hashed API keys, see {@link ApiKeyCredential}</td></tr>
 * <tr><td>{@code SECURITY_API_KEYS_FILE}</td><td>a file of such entries, one per line (a mounted secret)</td></tr>
 * <tr><td>{@code SECURITY_JWT_HS256_SECRET}, {@code SECURITY_JWT_JWKS_FILE}, {@code SECURITY_JWT_AUDIENCE},
 *     {@code SECURITY_JWT_ISSUER}, {@code SECURITY_JWT_CLOCK_SKEW}</td><td>bearer tokens, see {@link JwtSettings}</td></tr>
 * <tr><td>{@code SECURITY_METRICS_PUBLIC}</td><td>{@code true} (default): {@code /metrics} is open; {@code false}:
 *     it needs role {@code metrics:read} (or admin)</td></tr>
 * <tr><td>{@code SECURITY_PUBLIC_PATHS}</td><td>extra route paths open to anyone, comma-separated; health probes
 *     are always open</td></tr>
 * <tr><td>{@code SECURITY_REALM}</td><td>realm named in {@code WWW-Authenticate} (default {@code order-pipeline})</td></tr>
 * </table>
 *
 * <p>Invalid or unsafe combinations fail at start-up with a message naming the setting, never at the first request.
 *
 * @param profile       how strict the rules below are
 * @param apiKeys       accepted API keys (including the development key in the local profile)
 * @param jwt           bearer token verification, if enabled
 * @param metricsPublic whether {@code /metrics} is open
 * @param publicPaths   route paths open to anyone (exact matched-route paths, e.g. {@code /health/ready})
 * @param realm         realm of the {@code WWW-Authenticate} challenges
 */
public record SecurityConfig(SecurityProfile profile, List<ApiKeyCredential> apiKeys, Optional<JwtSettings> jwt,
                             boolean metricsPublic, Set<String> publicPaths, String realm) {

    /** The development key of the local stack; never accepted by the production profile. */
    public static final String DEFAULT_DEV_API_KEY = "dev-admin-key";
    /** Subject of the development key. */
    public static final String DEV_SUBJECT = "dev-admin";
    /** Path of the Prometheus endpoint, open or protected by {@link #metricsPublic()}. */
    public static final String METRICS_PATH = "/metrics";
    /** Probes stay open whatever the configuration: load balancers do not authenticate. */
    public static final Set<String> HEALTH_PATHS = Set.of("/health/live", "/health/ready");

    private static final String DEV_KEY_HASH = ApiKeyCredential.hash(DEFAULT_DEV_API_KEY);

    public SecurityConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(realm, "realm");
        apiKeys = List.copyOf(apiKeys);
        final Set<String> paths = new LinkedHashSet<>(publicPaths);
        paths.addAll(HEALTH_PATHS);
        publicPaths = Set.copyOf(paths);
        if (profile == SecurityProfile.PRODUCTION) {
            checkProduction(apiKeys, jwt);
        }
        final long distinct = apiKeys.stream().map(ApiKeyCredential::sha256Hex).distinct().count();
        if (distinct != apiKeys.size()) {
            throw new IllegalArgumentException("Two API key entries have the same key; give each holder its own key");
        }
    }

    /**
     * Reads the settings described above.
     *
     * @throws IllegalArgumentException for missing, malformed or unsafe settings
     */
    public static SecurityConfig from(final Env env) {
        final SecurityProfile profile = SecurityProfile.parse(env.string("SECURITY_PROFILE", "production"));
        final List<ApiKeyCredential> keys = new ArrayList<>();
        env.get("SECURITY_API_KEYS").ifPresent(text -> keys.addAll(ApiKeyCredential.parseAll(text)));
        env.get("SECURITY_API_KEYS_FILE").ifPresent(file -> keys.addAll(ApiKeyCredential.parseAll(read(Path.of(file)))));
        final Optional<String> devKey = env.get("SECURITY_DEV_API_KEY");
        if (profile == SecurityProfile.LOCAL) {
            keys.add(new ApiKeyCredential(DEV_SUBJECT, ApiKeyCredential.hash(devKey.orElse(DEFAULT_DEV_API_KEY)),
                    Set.of(Role.ADMIN), Optional.empty()));
        } else if (devKey.isPresent()) {
            throw new IllegalArgumentException("SECURITY_DEV_API_KEY is for SECURITY_PROFILE=local only; "
                    + "the production profile refuses development keys");
        }
        final Set<String> publicPaths = new LinkedHashSet<>();
        env.get("SECURITY_PUBLIC_PATHS").ifPresent(text -> Arrays.stream(text.split(","))
                .map(String::strip).filter(p -> !p.isEmpty()).forEach(publicPaths::add));
        return new SecurityConfig(profile, keys, jwt(env), env.bool("SECURITY_METRICS_PUBLIC", true), publicPaths,
                env.string("SECURITY_REALM", "order-pipeline"));
    }

    /** Whether a matched route path is open to anyone. */
    public boolean isPublic(final String routePath) {
        return publicPaths.contains(routePath) || metricsPublic && METRICS_PATH.equals(routePath);
    }

    private static Optional<JwtSettings> jwt(final Env env) {
        final Optional<String> secret = env.get("SECURITY_JWT_HS256_SECRET");
        final Optional<Path> jwks = env.get("SECURITY_JWT_JWKS_FILE").map(Path::of);
        if (secret.isEmpty() && jwks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JwtSettings(secret, jwks, env.get("SECURITY_JWT_AUDIENCE").orElse(null),
                env.get("SECURITY_JWT_ISSUER"), env.duration("SECURITY_JWT_CLOCK_SKEW", Duration.ofSeconds(30))));
    }

    private static void checkProduction(final List<ApiKeyCredential> keys, final Optional<JwtSettings> jwt) {
        if (keys.stream().anyMatch(key -> key.sha256Hex().equals(DEV_KEY_HASH))) {
            throw new IllegalArgumentException("The development key '" + DEFAULT_DEV_API_KEY
                    + "' is refused by SECURITY_PROFILE=production; issue a random key instead");
        }
        if (keys.isEmpty() && jwt.isEmpty()) {
            throw new IllegalArgumentException("SECURITY_PROFILE=production needs credentials: SECURITY_API_KEYS, "
                    + "SECURITY_API_KEYS_FILE or SECURITY_JWT_* (use SECURITY_PROFILE=local for the local stack)");
        }
        if (jwt.isPresent() && jwt.get().issuer().isEmpty()) {
            throw new IllegalArgumentException("SECURITY_PROFILE=production needs SECURITY_JWT_ISSUER with JWT");
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read SECURITY_API_KEYS_FILE " + file, e);
        }
    }
}
