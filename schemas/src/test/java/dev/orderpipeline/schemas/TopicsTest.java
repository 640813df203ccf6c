package dev.orderpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.orderpipeline.schemas.serde.WireFormat;
import dev.orderpipeline.schemas.testing.MockRegistryScope;
import dev.orderpipeline.schemas.testing.SampleRecords;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every declared topic carries working serdes: Avro topics round-trip a sample of their contract and register it
 * under {@code <topic>-value}; dead-letter topics keep the bytes; every topic has a creation spec.
 */
class TopicsTest {

    private MockRegistryScope scope;
    private Topics topics;

    @BeforeEach
    void createTopics(final TestInfo testInfo) {
        scope = MockRegistryScope.forTest(testInfo);
        topics = Topics.forRegistry(scope.url());
    }

    @AfterEach
    void closeTopics() {
        topics.close();
        scope.close();
    }

    static Stream<Arguments> avroTopics() {
        return Stream.of(
                avroTopic(Topics::orders, SampleRecords.orderPlaced()),
                avroTopic(Topics::orderStatus, SampleRecords.orderStatusChanged()),
                avroTopic(Topics::orderCancellations, SampleRecords.orderCancelled()),
                avroTopic(Topics::notifications, SampleRecords.notificationRequested()),
                avroTopic(Topics::inventory, SampleRecords.inventoryAdjustment()),
                avroTopic(Topics::accounts, SampleRecords.accountAdjustment()));
    }

    private static Arguments avroTopic(final Function<Topics, Topic<String, ? extends SpecificRecord>> accessor,
                                       final SpecificRecord sample) {
        return arguments(Named.of(sample.getSchema().getName(), accessor), sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avroTopics")
    void shouldRoundTripSampleAndRegisterUnderTopicValueSubject(
            final Function<Topics, Topic<String, ? extends SpecificRecord>> accessor, final SpecificRecord sample) {
        // Given the declared topic of the sample's contract
        final Topic<String, ? extends SpecificRecord> topic = accessor.apply(topics);
        final Serde<SpecificRecord> serde = anySerde(topic.valueSerde());

        // When the sample goes through its value serde
        final byte[] bytes = serde.serializer().serialize(topic.name(), sample);
        final SpecificRecord decoded = serde.deserializer().deserialize(topic.name(), bytes);

        // Then it comes back unchanged, and its schema is registered as <topic>-value
        assertThat(decoded).as("sample read back from %s", topic.name()).isEqualTo(sample);
        assertThat(scope.registry().subjects()).as("subjects after producing to %s", topic.name())
                .containsExactly(topic.name() + "-value");
        assertThat(scope.registry().latest(topic.name() + "-value").schema())
                .as("schema registered for %s", topic.name()).isEqualTo(sample.getSchema());
        assertThat(WireFormat.schemaId(bytes)).as("schema id framed into the record")
                .isEqualTo(scope.registry().latest(topic.name() + "-value").id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avroTopics")
    void shouldUseStringKeys(final Function<Topics, Topic<String, ? extends SpecificRecord>> accessor,
                             final SpecificRecord sample) {
        // Given the declared topic
        final Topic<String, ? extends SpecificRecord> topic = accessor.apply(topics);

        // When a key goes through its key serde
        final byte[] key = topic.keySerde().serializer().serialize(topic.name(), "o-1");

        // Then it is the plain UTF-8 string, as any client can produce it
        assertThat(key).as("key bytes on %s", topic.name()).isEqualTo("o-1".getBytes(StandardCharsets.UTF_8));
        assertThat(topic.keySerde().deserializer().deserialize(topic.name(), key)).as("key read back").isEqualTo("o-1");
    }

    @Test
    void shouldShareOneRegistryAcrossAllTopics() {
        // Given a sample produced to every Avro topic
        avroTopics().forEach(arguments -> {
            @SuppressWarnings("unchecked")
            final Function<Topics, Topic<String, ? extends SpecificRecord>> accessor =
                    ((Named<Function<Topics, Topic<String, ? extends SpecificRecord>>>) arguments.get()[0]).getPayload();
            final Topic<String, ? extends SpecificRecord> topic = accessor.apply(topics);
            anySerde(topic.valueSerde()).serializer().serialize(topic.name(), (SpecificRecord) arguments.get()[1]);
        });

        // When the registry of the Topics instance lists its subjects
        final List<String> subjects = topics.registry().subjects();

        // Then it holds exactly one <topic>-value subject per Avro topic, in the mock scope of the config
        assertThat(subjects).as("subjects seen through Topics.registry()").containsExactlyInAnyOrder(
                Topics.ORDERS + "-value", Topics.ORDER_STATUS + "-value", Topics.ORDER_CANCELLATIONS + "-value",
                Topics.NOTIFICATIONS + "-value", Topics.INVENTORY + "-value", Topics.ACCOUNTS + "-value");
        assertThat(scope.registry().subjects()).as("subjects in the mock scope").isEqualTo(subjects);
    }

    @Test
    void shouldPassDeadLetterBytesThroughUnchanged() {
        // Given bytes that are not even Avro
        final byte[] poison = {0x7b, 0x00, (byte) 0xff};

        // When they go through the dead-letter topics' serdes
        for (final Topic<byte[], byte[]> dlq : List.of(topics.ordersDlq(), topics.notificationsDlq())) {
            final byte[] value = dlq.valueSerde().serializer().serialize(dlq.name(), poison);
            final byte[] key = dlq.keySerde().serializer().serialize(dlq.name(), poison);

            // Then they are kept byte for byte
            assertThat(value).as("value bytes on %s", dlq.name()).isEqualTo(poison);
            assertThat(key).as("key bytes on %s", dlq.name()).isEqualTo(poison);
        }
    }

    @Test
    void shouldNameTopicsByTheirConstants() {
        // Given the Topics instance
        // When its topics are listed
        final Map<String, Topic<?, ?>> byConstant = Map.of(
                Topics.ORDERS, topics.orders(),
                Topics.ORDERS_DLQ, topics.ordersDlq(),
                Topics.ORDER_STATUS, topics.orderStatus(),
                Topics.ORDER_CANCELLATIONS, topics.orderCancellations(),
                Topics.NOTIFICATIONS, topics.notifications(),
                Topics.NOTIFICATIONS_DLQ, topics.notificationsDlq(),
                Topics.INVENTORY, topics.inventory(),
                Topics.ACCOUNTS, topics.accounts());

        // Then each carries the name of its constant
        byConstant.forEach((name, topic) -> assertThat(topic.name()).as("name of the %s topic", name).isEqualTo(name));
    }

    @Test
    void shouldDeclareACreationSpecForEveryTopic() {
        // Given every topic name the module declares: the typed topics and all public name constants
        final List<String> typed = List.of(topics.orders().name(), topics.ordersDlq().name(),
                topics.orderStatus().name(), topics.orderCancellations().name(), topics.notifications().name(),
                topics.notificationsDlq().name(), topics.inventory().name(), topics.accounts().name());
        final List<String> constants = topicNameConstants();
        final long fourteenDaysMs = 14L * 24 * 60 * 60 * 1000;

        // When the specs are listed
        final List<TopicSpec> specs = Topics.specs();

        // Then every declared topic has exactly one spec; none is compacted (inventory and accounts hold deltas);
        // the business topics keep records for ever, dead-letter topics 14 days, and the services' working topics
        // (retry tiers, dedupe markers, idempotency ledger) only as long as their windows need
        assertThat(specs).extracting(TopicSpec::name).as("topics with a spec")
                .doesNotHaveDuplicates()
                .containsAll(typed)
                .containsExactlyInAnyOrderElementsOf(constants);
        assertThat(specs).as("compacted specs").noneMatch(TopicSpec::compacted);
        assertThat(specs).filteredOn(spec -> spec.name().endsWith("-dlq")).as("dead-letter specs")
                .extracting(TopicSpec::retentionMs).containsOnly(fourteenDaysMs);
        final Map<String, Long> working = Map.of(
                Topics.NOTIFICATIONS_RETRY_1M, 7L * 24 * 60 * 60 * 1000,
                Topics.NOTIFICATIONS_RETRY_10M, 7L * 24 * 60 * 60 * 1000,
                Topics.NOTIFICATIONS_DELIVERED, 7L * 24 * 60 * 60 * 1000,
                Topics.INGEST_IDEMPOTENCY, 49L * 60 * 60 * 1000);
        assertThat(specs).filteredOn(spec -> working.containsKey(spec.name())).as("working topic specs")
                .allSatisfy(spec -> assertThat(spec.retentionMs()).as("retention of %s", spec.name())
                        .isEqualTo(working.get(spec.name())));
        assertThat(specs).filteredOn(spec -> !spec.name().endsWith("-dlq") && !working.containsKey(spec.name()))
                .as("business topic specs").extracting(TopicSpec::retentionMs).containsOnly(-1L);
    }

    /** Values of the {@code public static final String} topic name constants of {@link Topics}. */
    private static List<String> topicNameConstants() {
        return Arrays.stream(Topics.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(field -> {
                    try {
                        return (String) field.get(null);
                    } catch (final IllegalAccessException e) {
                        throw new IllegalStateException("cannot read Topics." + field.getName(), e);
                    }
                })
                .toList();
    }

    @Test
    void shouldRefuseTopicWithoutNameOrSerdes() {
        // Given nothing
        // When a topic is declared with a missing part
        // Then it is refused at once
        assertThatThrownBy(() -> new Topic<>(null, Serdes.String(), Serdes.String())).as("topic without name")
                .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new Topic<>("t", null, Serdes.String())).as("topic without key serde")
                .isInstanceOf(NullPointerException.class).hasMessageContaining("keySerde");
        assertThatThrownBy(() -> new Topic<String, String>("t", Serdes.String(), null)).as("topic without value serde")
                .isInstanceOf(NullPointerException.class).hasMessageContaining("valueSerde");
    }

    @SuppressWarnings("unchecked")
    private static Serde<SpecificRecord> anySerde(final Serde<? extends SpecificRecord> serde) {
        return (Serde<SpecificRecord>) serde;
    }
}
