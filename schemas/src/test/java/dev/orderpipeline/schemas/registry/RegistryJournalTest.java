package dev.orderpipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryJournalTest {

    private static Schema record(final String name, final String... fields) {
        SchemaBuilder.FieldAssembler<Schema> assembler = SchemaBuilder.record(name).namespace("test").fields();
        for (final String field : fields) {
            assembler = assembler.name(field).type().stringType().stringDefault("");
        }
        return assembler.endRecord();
    }

    @Test
    void shouldGiveEverySchemaItsOldIdAfterAReplay(@TempDir final Path dir) {
        // Given: a journaled registry with several subjects, versions, a compatibility change and a deletion
        final Path file = dir.resolve("registry.jsonl");
        final InMemorySchemaRegistry first = new InMemorySchemaRegistry();
        final int a1;
        final int a2;
        final int b1;
        try (RegistryJournal journal = RegistryJournal.open(file, first)) {
            first.register("gone-value", record("Gone"));
            a1 = first.register("a-value", record("A", "x"));
            a2 = first.register("a-value", record("A", "x", "y"));
            first.setCompatibility("b-value", CompatibilityLevel.NONE);
            b1 = first.register("b-value", record("B"));
            first.deleteSubject("gone-value");
        }

        // When: a new registry replays the journal
        final InMemorySchemaRegistry second = new InMemorySchemaRegistry();
        try (RegistryJournal journal = RegistryJournal.open(file, second)) {
            // Then
            assertThat(second.latest("a-value").id()).as("latest id of a-value").isEqualTo(a2);
            assertThat(second.version("a-value", 1).id()).as("first id of a-value").isEqualTo(a1);
            assertThat(second.latest("b-value").id()).as("id of b-value").isEqualTo(b1);
            assertThat(second.compatibility("b-value")).as("compatibility of b-value").isEqualTo(CompatibilityLevel.NONE);
            assertThat(second.subjects()).as("subjects").containsExactly("a-value", "b-value");
            // and new registrations continue the numbering and are journaled too
            final int c1 = second.register("c-value", record("C"));
            assertThat(c1).as("next id").isGreaterThan(b1);
        }
        final InMemorySchemaRegistry third = new InMemorySchemaRegistry();
        try (RegistryJournal journal = RegistryJournal.open(file, third)) {
            assertThat(third.subjects()).as("subjects after the second restart").contains("c-value");
        }
    }
}
