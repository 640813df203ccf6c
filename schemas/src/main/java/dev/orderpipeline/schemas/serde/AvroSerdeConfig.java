package dev.orderpipeline.schemas.serde;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the Avro serde and its registry client, read from the same keys Confluent's serializer uses, so a
 * properties file written for Confluent clients works here unchanged.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>{@code schema.registry.url}</td><td>comma-separated base URLs, or {@code mock://scope} for an in-memory
 * registry shared by everything in the JVM that names the same scope</td></tr>
 * <tr><td>{@code auto.register.schemas}</td><td>register the record's schema on first use (default true)</td></tr>
 * <tr><td>{@code use.latest.version}</td><td>write with the latest schema of the subject instead of the record's
 * own (default false; use with auto.register.schemas=false)</td></tr>
 * <tr><td>{@code specific.avro.reader}</td><td>untyped deserializers return generated classes instead of
 * GenericRecord (default false)</td></tr>
 * <tr><td>{@code basic.auth.credentials.source}, {@code basic.auth.user.info}</td><td>HTTP basic auth,
 * {@code USER_INFO} with {@code user:password}</td></tr>
 * <tr><td>{@code max.retries}, {@code retries.wait.ms}, {@code retries.max.wait.ms}</td><td>bounded retry with
 * exponential backoff when the registry is unreachable or answers 5xx (defaults 3, 100 ms, 2000 ms)</td></tr>
 * <tr><td>{@code http.connect.timeout.ms}, {@code http.read.timeout.ms}</td><td>per-request timeouts (defaults
 * 2000 ms, 5000 ms)</td></tr>
 * <tr><td>{@code latest.cache.ttl.sec}</td><td>how long the latest version of a subject is cached, -1 for ever
 * (default 60)</td></tr>
 * <tr><td>{@code value.subject.name.strategy}, {@code key.subject.name.strategy}</td><td>only TopicNameStrategy
 * ({@code <topic>-value} / {@code <topic>-key}) is supported; any other value is refused</td></tr>
 * </table>
 */
public record AvroSerdeConfig(
        List<String> registryUrls,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        boolean specificAvroReader,
        String basicAuthUserInfo,
        int maxRetries,
        Duration retryWait,
        Duration retryMaxWait,
        Duration connectTimeout,
        Duration readTimeout,
        Duration latestCacheTtl) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

    /** URL prefix that selects an in-memory registry. */
    public static final String MOCK_SCHEME = "mock://";

    public AvroSerdeConfig {
        Objects.requireNonNull(registryUrls, "registryUrls");
        if (registryUrls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, "", "Missing required configuration \"schema.registry.url\"");
        }
        registryUrls = List.copyOf(registryUrls);
    }

    /** Reads the settings from a Kafka client/serde config map; missing keys take their defaults. */
    public static AvroSerdeConfig from(final Map<String, ?> configs) {
        final Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, "Missing required configuration \"schema.registry.url\"");
        }
        checkStrategy(configs, VALUE_SUBJECT_NAME_STRATEGY);
        checkStrategy(configs, KEY_SUBJECT_NAME_STRATEGY);
        final Object source = configs.get(BASIC_AUTH_CREDENTIALS_SOURCE);
        final String userInfo = string(configs, BASIC_AUTH_USER_INFO);
        if (source != null && !"USER_INFO".equalsIgnoreCase(source.toString())) {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "only USER_INFO is supported");
        }
        final List<String> urls = Arrays.stream(url.toString().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .toList();
        return new AvroSerdeConfig(
                urls,
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                bool(configs, SPECIFIC_AVRO_READER, false),
                userInfo == null || userInfo.isBlank() ? null : userInfo,
                (int) number(configs, MAX_RETRIES, 3),
                Duration.ofMillis(number(configs, RETRIES_WAIT_MS, 100)),
                Duration.ofMillis(number(configs, RETRIES_MAX_WAIT_MS, 2000)),
                Duration.ofMillis(number(configs, HTTP_CONNECT_TIMEOUT_MS, 2000)),
                Duration.ofMillis(number(configs, HTTP_READ_TIMEOUT_MS, 5000)),
                Duration.ofSeconds(number(configs, LATEST_CACHE_TTL_SEC, 60)));
    }

    /** Whether the URLs select the in-memory registry. */
    public boolean isMock() {
        return registryUrls.get(0).startsWith(MOCK_SCHEME);
    }

    /** Scope name of a {@code mock://scope} URL. */
    public String mockScope() {
        return registryUrls.get(0).substring(MOCK_SCHEME.length());
    }

    private static void checkStrategy(final Map<String, ?> configs, final String key) {
        final Object strategy = configs.get(key);
        if (strategy != null && !strategy.toString().endsWith("TopicNameStrategy")) {
            throw new ConfigException(key, strategy, "only TopicNameStrategy (<topic>-value / <topic>-key) is supported");
        }
    }

    private static String string(final Map<String, ?> configs, final String key) {
        final Object value = configs.get(key);
        return value == null ? null : value.toString();
    }

    private static boolean bool(final Map<String, ?> configs, final String key, final boolean defaultValue) {
        final Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        final String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigException(key, value, "expected true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static long number(final Map<String, ?> configs, final String key, final long defaultValue) {
        final Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (final NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number");
        }
    }
}
