package dev.orderpipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Confluent semantics the serde relies on: global ids shared across subjects, idempotent registration,
 * versions from 1, per-subject compatibility levels over a BACKWARD global default, and soft subject deletion.
 */
class InMemorySchemaRegistryTest {

    private static final String SUBJECT = "widgets-value";
    private static final String OTHER_SUBJECT = "gadgets-value";

    // Versions of a Widget record used by the compatibility cases.
    private static final Schema ID_ONLY = widget(SchemaBuilder.record("Widget").fields()
            .requiredString("id"));
    private static final Schema ID_NAME = widget(SchemaBuilder.record("Widget").fields()
            .requiredString("id").requiredString("name"));
    private static final Schema ID_NAME_WITH_DEFAULT = widget(SchemaBuilder.record("Widget").fields()
            .requiredString("id").name("name").type().stringType().stringDefault(""));
    private static final Schema ID_NAME_COLOUR_WITH_DEFAULT = widget(SchemaBuilder.record("Widget").fields()
            .requiredString("id").requiredString("name").name("colour").type().stringType().stringDefault("grey"));
    private static final Schema ID_NAME_COLOUR_REQUIRED = widget(SchemaBuilder.record("Widget").fields()
            .requiredString("id").requiredString("name").requiredString("colour"));
    private static final Schema ID_AS_INT = widget(SchemaBuilder.record("Widget").fields()
            .requiredInt("id"));
    private static final Schema NAME_AS_INT_WITH_DEFAULT = widget(SchemaBuilder.record("Widget").fields()
            .requiredString("id").name("name").type().intType().intDefault(0));
    private static final Schema ID_WEIGHT_WITH_DEFAULT = widget(SchemaBuilder.record("Widget").fields()
            .requiredString("id").name("weight").type().intType().intDefault(0));

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private static Schema widget(final SchemaBuilder.FieldAssembler<Schema> fields) {
        return fields.endRecord();
    }

    @Test
    void shouldHandOutGlobalIdsInRegistrationOrder() {
        // Given an empty registry
        // When different schemas are registered under different subjects
        final int first = registry.register(SUBJECT, ID_ONLY);
        final int second = registry.register(OTHER_SUBJECT, Schema.create(Schema.Type.STRING));
        final int third = registry.register(SUBJECT, ID_NAME_WITH_DEFAULT);

        // Then ids count up across subjects, and each resolves to its schema
        assertThat(List.of(first, second, third)).as("ids in registration order").containsExactly(1, 2, 3);
        assertThat(registry.schemaById(third)).as("schema of id 3").isEqualTo(ID_NAME_WITH_DEFAULT);
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdUnderEverySubject() {
        // Given a schema registered under one subject
        final int id = registry.register(SUBJECT, ID_ONLY);

        // When the same schema is registered under another subject
        final int again = registry.register(OTHER_SUBJECT, ID_ONLY);

        // Then it keeps its id, is version 1 of both subjects, and both subjects list it
        assertThat(again).as("id under the second subject").isEqualTo(id);
        assertThat(registry.lookup(OTHER_SUBJECT, ID_ONLY).version()).as("version under the second subject").isEqualTo(1);
        assertThat(registry.subjectsOf(id)).as("subjects of the id").containsExactlyInAnyOrder(SUBJECT, OTHER_SUBJECT);
    }

    @Test
    void shouldRegisterIdempotently() {
        // Given a subject with two versions
        final int v1 = registry.register(SUBJECT, ID_ONLY);
        final int v2 = registry.register(SUBJECT, ID_NAME_WITH_DEFAULT);

        // When both are registered again, the older one after the newer
        final int v2Again = registry.register(SUBJECT, ID_NAME_WITH_DEFAULT);
        final int v1Again = registry.register(SUBJECT, ID_ONLY);

        // Then the existing ids come back and no version is added
        assertThat(v2Again).as("id of v2 registered again").isEqualTo(v2);
        assertThat(v1Again).as("id of v1 registered again").isEqualTo(v1);
        assertThat(registry.versions(SUBJECT)).as("versions").containsExactly(1, 2);
        assertThat(registry.latest(SUBJECT).id()).as("latest is still v2").isEqualTo(v2);
    }

    @Test
    void shouldNumberVersionsFromOnePerSubject() {
        // Given three compatible versions of one subject
        final int id1 = registry.register(SUBJECT, ID_ONLY);
        final int id2 = registry.register(SUBJECT, ID_NAME_WITH_DEFAULT);
        final int id3 = registry.register(SUBJECT, Schema.createRecord("Widget", null, null, false, List.of(
                new Schema.Field("id", Schema.create(Schema.Type.STRING)),
                new Schema.Field("name", Schema.create(Schema.Type.STRING), null, ""),
                new Schema.Field("weight", Schema.create(Schema.Type.INT), null, 0))));

        // When versions are listed and looked up
        final RegisteredSchema second = registry.version(SUBJECT, 2);
        final RegisteredSchema latest = registry.latest(SUBJECT);
        final RegisteredSchema lookedUp = registry.lookup(SUBJECT, ID_ONLY);

        // Then versions are 1..3 in registration order, each with its id
        assertThat(registry.versions(SUBJECT)).as("versions").containsExactly(1, 2, 3);
        assertThat(second).as("version 2").isEqualTo(new RegisteredSchema(SUBJECT, id2, 2, ID_NAME_WITH_DEFAULT));
        assertThat(latest.version()).as("latest version").isEqualTo(3);
        assertThat(latest.id()).as("latest id").isEqualTo(id3);
        assertThat(lookedUp).as("lookup of v1").isEqualTo(new RegisteredSchema(SUBJECT, id1, 1, ID_ONLY));
    }

    @Test
    void shouldAnswerNotFoundWithConfluentErrorCodes() {
        // Given a subject with one version
        registry.register(SUBJECT, ID_ONLY);

        // When absent things are asked for
        // Then each is a 404 with the matching Confluent error code
        assertThatThrownBy(() -> registry.latest("missing-value")).as("latest of an unknown subject")
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .as("error code").isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
        assertThatThrownBy(() -> registry.version(SUBJECT, 2)).as("version 2 of a one-version subject")
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .as("error code").isEqualTo(SchemaRegistryException.VERSION_NOT_FOUND));
        assertThatThrownBy(() -> registry.version(SUBJECT, 0)).as("version 0")
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .as("error code").isEqualTo(SchemaRegistryException.VERSION_NOT_FOUND));
        assertThatThrownBy(() -> registry.lookup(SUBJECT, ID_NAME)).as("lookup of an unregistered schema")
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .as("error code").isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> registry.schemaById(99)).as("unknown id")
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isNotFound()).as("is a not-found answer").isTrue();
                    assertThat(e.errorCode()).as("error code").isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                });
    }

    @Test
    void shouldKeepSchemasThatDifferOnlyInDocApart() {
        // Given two schemas that differ only in their doc
        final Schema documented = Schema.createRecord("Widget", "A widget.", null, false,
                List.of(new Schema.Field("id", Schema.create(Schema.Type.STRING))));

        // When both are registered
        final int plain = registry.register(SUBJECT, ID_ONLY);
        final int withDoc = registry.register(SUBJECT, documented);

        // Then they are distinct schemas, as in Confluent's registry
        assertThat(withDoc).as("id of the documented variant").isNotEqualTo(plain);
        assertThat(registry.versions(SUBJECT)).as("versions").containsExactly(1, 2);
    }

    static Stream<Arguments> compatibilityCases() {
        return Stream.of(
                arguments("BACKWARD accepts a new field with default", CompatibilityLevel.BACKWARD,
                        List.of(ID_NAME), ID_NAME_COLOUR_WITH_DEFAULT, true),
                arguments("BACKWARD accepts removing a field", CompatibilityLevel.BACKWARD,
                        List.of(ID_NAME), ID_ONLY, true),
                arguments("BACKWARD refuses a new field without default", CompatibilityLevel.BACKWARD,
                        List.of(ID_NAME), ID_NAME_COLOUR_REQUIRED, false),
                arguments("FORWARD accepts a new field without default", CompatibilityLevel.FORWARD,
                        List.of(ID_NAME), ID_NAME_COLOUR_REQUIRED, true),
                arguments("FORWARD refuses removing a field the old schema needs", CompatibilityLevel.FORWARD,
                        List.of(ID_NAME), ID_ONLY, false),
                arguments("FULL accepts a new field with default", CompatibilityLevel.FULL,
                        List.of(ID_NAME), ID_NAME_COLOUR_WITH_DEFAULT, true),
                arguments("FULL refuses a new field without default", CompatibilityLevel.FULL,
                        List.of(ID_NAME), ID_NAME_COLOUR_REQUIRED, false),
                arguments("FULL refuses removing a field without default", CompatibilityLevel.FULL,
                        List.of(ID_NAME), ID_ONLY, false),
                arguments("NONE accepts a changed field type", CompatibilityLevel.NONE,
                        List.of(ID_ONLY), ID_AS_INT, true),
                // name: string (v1) -> removed (v2) -> int with default (v3): v3 reads v2 data, not v1 data
                arguments("BACKWARD checks only the latest version", CompatibilityLevel.BACKWARD,
                        List.of(ID_NAME, ID_ONLY), NAME_AS_INT_WITH_DEFAULT, true),
                arguments("BACKWARD_TRANSITIVE refuses what an older version cannot give",
                        CompatibilityLevel.BACKWARD_TRANSITIVE, List.of(ID_NAME, ID_ONLY), NAME_AS_INT_WITH_DEFAULT, false),
                arguments("BACKWARD_TRANSITIVE accepts what every version can give",
                        CompatibilityLevel.BACKWARD_TRANSITIVE, List.of(ID_NAME, ID_ONLY), ID_WEIGHT_WITH_DEFAULT, true),
                // name: required (v1) -> with default (v2) -> removed (v3): v2 reads v3 data, v1 cannot
                arguments("FORWARD checks only the latest version", CompatibilityLevel.FORWARD,
                        List.of(ID_NAME, ID_NAME_WITH_DEFAULT), ID_ONLY, true),
                arguments("FORWARD_TRANSITIVE refuses what an older version cannot read",
                        CompatibilityLevel.FORWARD_TRANSITIVE, List.of(ID_NAME, ID_NAME_WITH_DEFAULT), ID_ONLY, false),
                arguments("FORWARD_TRANSITIVE accepts what every version can read",
                        CompatibilityLevel.FORWARD_TRANSITIVE, List.of(ID_NAME, ID_NAME_WITH_DEFAULT),
                        ID_NAME_COLOUR_WITH_DEFAULT, true),
                arguments("FULL checks only the latest version", CompatibilityLevel.FULL,
                        List.of(ID_NAME, ID_NAME_WITH_DEFAULT), ID_ONLY, true),
                arguments("FULL_TRANSITIVE refuses what an older version cannot read",
                        CompatibilityLevel.FULL_TRANSITIVE, List.of(ID_NAME, ID_NAME_WITH_DEFAULT), ID_ONLY, false),
                arguments("FULL_TRANSITIVE accepts a new field with default",
                        CompatibilityLevel.FULL_TRANSITIVE, List.of(ID_NAME, ID_NAME_WITH_DEFAULT),
                        ID_NAME_COLOUR_WITH_DEFAULT, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatibilityCases")
    void shouldApplyTheSubjectCompatibilityLevel(final String description, final CompatibilityLevel level,
                                                 final List<Schema> existing, final Schema candidate,
                                                 final boolean accepted) {
        // Given a subject at the level, holding the existing versions (registered under NONE)
        registry.setCompatibility(SUBJECT, CompatibilityLevel.NONE);
        existing.forEach(schema -> registry.register(SUBJECT, schema));
        registry.setCompatibility(SUBJECT, level);

        // When the candidate is checked and registered
        final boolean compatible = registry.isCompatible(SUBJECT, candidate);

        // Then the check and the registration agree with the level's rules
        assertThat(compatible).as("isCompatible: %s", description).isEqualTo(accepted);
        if (accepted) {
            registry.register(SUBJECT, candidate);
            assertThat(registry.versions(SUBJECT)).as("versions after accepting: %s", description)
                    .hasSize(existing.size() + 1);
        } else {
            assertThatThrownBy(() -> registry.register(SUBJECT, candidate))
                    .as("registration refused: %s", description)
                    .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                        assertThat(e.httpStatus()).as("HTTP status").isEqualTo(409);
                        assertThat(e.errorCode()).as("error code").isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                    });
            assertThat(registry.versions(SUBJECT)).as("versions after refusing: %s", description)
                    .hasSize(existing.size());
        }
    }

    @Test
    void shouldDefaultToGlobalBackwardAndLetSubjectsOverride() {
        // Given a registry with one subject set to NONE
        registry.setCompatibility(OTHER_SUBJECT, CompatibilityLevel.NONE);

        // When levels are read
        // Then the global default is BACKWARD, subjects without their own level inherit it
        assertThat(registry.compatibility(null)).as("global level").isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.compatibility(SUBJECT)).as("level of a subject without its own")
                .isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.compatibility(OTHER_SUBJECT)).as("level of the overridden subject")
                .isEqualTo(CompatibilityLevel.NONE);

        // And when the global level changes, only inheriting subjects follow
        registry.setCompatibility(null, CompatibilityLevel.FULL);
        assertThat(registry.compatibility(SUBJECT)).as("inherited level after the global change")
                .isEqualTo(CompatibilityLevel.FULL);
        assertThat(registry.compatibility(OTHER_SUBJECT)).as("overridden level after the global change")
                .isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    void shouldAcceptAnySchemaForANewSubject() {
        // Given a subject with nothing registered, under the strictest level
        registry.setCompatibility(SUBJECT, CompatibilityLevel.FULL_TRANSITIVE);

        // When any schema is checked
        // Then it is compatible, there being nothing to be compatible with
        assertThat(registry.isCompatible(SUBJECT, ID_AS_INT)).as("first schema of a subject").isTrue();
    }

    @Test
    void shouldDeleteSubjectButKeepItsIdsResolvable() {
        // Given a subject with two versions, and a level of its own
        final int id1 = registry.register(SUBJECT, ID_ONLY);
        registry.register(SUBJECT, ID_NAME_WITH_DEFAULT);
        registry.setCompatibility(SUBJECT, CompatibilityLevel.NONE);

        // When the subject is deleted
        final List<Integer> deleted = registry.deleteSubject(SUBJECT);

        // Then its versions are returned, the subject is gone, and its ids still resolve
        assertThat(deleted).as("versions returned by the delete").containsExactly(1, 2);
        assertThat(registry.subjects()).as("subjects after the delete").doesNotContain(SUBJECT);
        assertThatThrownBy(() -> registry.latest(SUBJECT)).as("latest of the deleted subject")
                .isInstanceOf(SchemaRegistryException.class);
        assertThat(registry.schemaById(id1)).as("schema of an id of the deleted subject").isEqualTo(ID_ONLY);
        assertThat(registry.compatibility(SUBJECT)).as("level of the deleted subject falls back to global")
                .isEqualTo(CompatibilityLevel.BACKWARD);

        // And when the old schema is registered again, it starts over at version 1 with its old id
        assertThat(registry.register(SUBJECT, ID_ONLY)).as("id after re-registering").isEqualTo(id1);
        assertThat(registry.versions(SUBJECT)).as("versions after re-registering").containsExactly(1);
    }

    @Test
    void shouldRefuseToDeleteUnknownSubject() {
        // Given an empty registry
        // When an unknown subject is deleted
        // Then the answer is subject-not-found
        assertThatThrownBy(() -> registry.deleteSubject(SUBJECT)).as("deleting an unknown subject")
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .as("error code").isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    }

    @Test
    void shouldListSubjectsInNameOrder() {
        // Given subjects registered out of name order
        registry.register(SUBJECT, ID_ONLY);
        registry.register(OTHER_SUBJECT, ID_ONLY);

        // When they are listed
        // Then they come sorted by name
        assertThat(registry.subjects()).as("subjects").containsExactly(OTHER_SUBJECT, SUBJECT);
    }
}
