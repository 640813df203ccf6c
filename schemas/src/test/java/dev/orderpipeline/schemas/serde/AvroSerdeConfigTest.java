package dev.orderpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.schemas.avro.OrderPlaced;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Settings are read from Confluent's own keys, take Confluent's defaults, and wrong settings fail at configure time
 * with a {@link ConfigException} naming the key, not at the first record.
 */
class AvroSerdeConfigTest {

    private static final String TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

    /** Each way of configuring the serde, so that every entry point is held to the same validation. */
    static Stream<Arguments> configureCalls() {
        return Stream.of(
                Arguments.of(Named.<Consumer<Map<String, ?>>>of("serializer",
                        config -> new ConfluentAvroSerializer<OrderPlaced>().configure(config, false))),
                Arguments.of(Named.<Consumer<Map<String, ?>>>of("deserializer",
                        config -> new ConfluentAvroDeserializer<OrderPlaced>().configure(config, false))),
                Arguments.of(Named.<Consumer<Map<String, ?>>>of("serde",
                        config -> new ConfluentAvroSerde<>(OrderPlaced.class).configure(config, false))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configureCalls")
    void shouldRejectMissingRegistryUrl(final Consumer<Map<String, ?>> configure) {
        // Given a config without schema.registry.url
        final Map<String, Object> config = Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);

        // When it is configured
        // Then configuration fails naming the key
        assertThatThrownBy(() -> configure.accept(config))
                .as("configure without schema.registry.url")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    }

    @ParameterizedTest(name = "schema.registry.url=''{0}''")
    @ValueSource(strings = {"", "   ", ",", " , "})
    void shouldRejectBlankRegistryUrl(final String url) {
        // Given a registry URL with no actual URL in it
        final Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);

        // When it is read
        // Then it is refused like a missing one
        assertThatThrownBy(() -> AvroSerdeConfig.from(config))
                .as("schema.registry.url='%s'", url)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configureCalls")
    void shouldRejectSubjectNameStrategyOtherThanTopicName(final Consumer<Map<String, ?>> configure) {
        // Given a value subject strategy other than TopicNameStrategy
        final Map<String, Object> config = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://config-test",
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        // When it is configured
        // Then configuration fails naming the key
        assertThatThrownBy(() -> configure.accept(config))
                .as("configure with RecordNameStrategy")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy",
            "io.confluent.kafka.serializers.subject.RecordNameStrategy",
            "com.example.MyStrategy"})
    void shouldRejectKeySubjectNameStrategyOtherThanTopicName(final String strategy) {
        // Given a key subject strategy other than TopicNameStrategy
        final Map<String, Object> config = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://config-test",
                AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, strategy);

        // When it is read
        // Then it is refused
        assertThatThrownBy(() -> AvroSerdeConfig.from(config))
                .as("key.subject.name.strategy=%s", strategy)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY);
    }

    @Test
    void shouldAcceptExplicitTopicNameStrategy() {
        // Given both strategies set explicitly to Confluent's TopicNameStrategy
        final Map<String, Object> config = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://config-test",
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TOPIC_NAME_STRATEGY,
                AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, TOPIC_NAME_STRATEGY);

        // When it is read
        final AvroSerdeConfig parsed = AvroSerdeConfig.from(config);

        // Then it is accepted
        assertThat(parsed.isMock()).as("mock registry selected").isTrue();
    }

    @Test
    void shouldTakeConfluentDefaults() {
        // Given only a registry URL
        final Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://registry:8081");

        // When it is read
        final AvroSerdeConfig parsed = AvroSerdeConfig.from(config);

        // Then every other setting has its documented default
        assertThat(parsed.registryUrls()).as("registry URLs").containsExactly("http://registry:8081");
        assertThat(parsed.autoRegisterSchemas()).as("auto.register.schemas").isTrue();
        assertThat(parsed.useLatestVersion()).as("use.latest.version").isFalse();
        assertThat(parsed.specificAvroReader()).as("specific.avro.reader").isFalse();
        assertThat(parsed.basicAuthUserInfo()).as("basic.auth.user.info").isNull();
        assertThat(parsed.maxRetries()).as("max.retries").isEqualTo(3);
        assertThat(parsed.retryWait()).as("retries.wait.ms").isEqualTo(Duration.ofMillis(100));
        assertThat(parsed.retryMaxWait()).as("retries.max.wait.ms").isEqualTo(Duration.ofMillis(2000));
        assertThat(parsed.connectTimeout()).as("http.connect.timeout.ms").isEqualTo(Duration.ofMillis(2000));
        assertThat(parsed.readTimeout()).as("http.read.timeout.ms").isEqualTo(Duration.ofMillis(5000));
        assertThat(parsed.latestCacheTtl()).as("latest.cache.ttl.sec").isEqualTo(Duration.ofSeconds(60));
        assertThat(parsed.isMock()).as("mock registry selected").isFalse();
    }

    @Test
    void shouldReadValuesGivenAsStringsAsInPropertiesFiles() {
        // Given every setting as a string, as a properties file provides them
        final Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, " http://a:8081/ , http://b:8081 ");
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "FALSE");
        config.put(AvroSerdeConfig.USE_LATEST_VERSION, "true");
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, " true ");
        config.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "user_info");
        config.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "alice:s3cret");
        config.put(AvroSerdeConfig.MAX_RETRIES, "5");
        config.put(AvroSerdeConfig.RETRIES_WAIT_MS, "7");
        config.put(AvroSerdeConfig.RETRIES_MAX_WAIT_MS, "70");
        config.put(AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS, "300");
        config.put(AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, "400");
        config.put(AvroSerdeConfig.LATEST_CACHE_TTL_SEC, "-1");

        // When it is read
        final AvroSerdeConfig parsed = AvroSerdeConfig.from(config);

        // Then each value is parsed, URLs trimmed and without trailing slash
        assertThat(parsed.registryUrls()).as("registry URLs").isEqualTo(List.of("http://a:8081", "http://b:8081"));
        assertThat(parsed.autoRegisterSchemas()).as("auto.register.schemas").isFalse();
        assertThat(parsed.useLatestVersion()).as("use.latest.version").isTrue();
        assertThat(parsed.specificAvroReader()).as("specific.avro.reader").isTrue();
        assertThat(parsed.basicAuthUserInfo()).as("basic.auth.user.info").isEqualTo("alice:s3cret");
        assertThat(parsed.maxRetries()).as("max.retries").isEqualTo(5);
        assertThat(parsed.retryWait()).as("retries.wait.ms").isEqualTo(Duration.ofMillis(7));
        assertThat(parsed.retryMaxWait()).as("retries.max.wait.ms").isEqualTo(Duration.ofMillis(70));
        assertThat(parsed.connectTimeout()).as("http.connect.timeout.ms").isEqualTo(Duration.ofMillis(300));
        assertThat(parsed.readTimeout()).as("http.read.timeout.ms").isEqualTo(Duration.ofMillis(400));
        assertThat(parsed.latestCacheTtl()).as("latest.cache.ttl.sec").isEqualTo(Duration.ofSeconds(-1));
    }

    @Test
    void shouldReadMockScopeFromMockUrl() {
        // Given a mock:// URL
        final Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://my-scope");

        // When it is read
        final AvroSerdeConfig parsed = AvroSerdeConfig.from(config);

        // Then the in-memory registry of that scope is selected
        assertThat(parsed.isMock()).as("mock registry selected").isTrue();
        assertThat(parsed.mockScope()).as("mock scope").isEqualTo("my-scope");
    }

    @Test
    void shouldRejectValueThatIsNotABoolean() {
        // Given a boolean setting with a value that is not true/false
        final Map<String, Object> config = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://config-test",
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes");

        // When it is read
        // Then it is refused naming the key
        assertThatThrownBy(() -> AvroSerdeConfig.from(config))
                .as("auto.register.schemas=yes")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
    }

    @Test
    void shouldRejectValueThatIsNotAWholeNumber() {
        // Given a numeric setting with a non-numeric value
        final Map<String, Object> config = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://config-test",
                AvroSerdeConfig.MAX_RETRIES, "three");

        // When it is read
        // Then it is refused naming the key
        assertThatThrownBy(() -> AvroSerdeConfig.from(config))
                .as("max.retries=three")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.MAX_RETRIES);
    }

    @Test
    void shouldRejectCredentialsSourceOtherThanUserInfo() {
        // Given a credentials source this client does not implement
        final Map<String, Object> config = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://registry:8081",
                AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT");

        // When it is read
        // Then it is refused naming the key
        assertThatThrownBy(() -> AvroSerdeConfig.from(config))
                .as("basic.auth.credentials.source=SASL_INHERIT")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE);
    }
}
