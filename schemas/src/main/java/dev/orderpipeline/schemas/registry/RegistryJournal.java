package dev.orderpipeline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Makes an {@link InMemorySchemaRegistry} survive restarts: every change is appended to a JSON-lines file, and
 * {@link #open} replays the file before attaching itself. Because ids are handed out in order, the replayed
 * registry gives every schema the id it had, so records already in Kafka still decode after a restart.
 */
public final class RegistryJournal implements InMemorySchemaRegistry.ChangeListener, AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final BufferedWriter out;

    private RegistryJournal(final BufferedWriter out) {
        this.out = out;
    }

    /** Replays {@code file} (if it exists) into {@code registry}, then journals its changes to the same file. */
    public static RegistryJournal open(final Path file, final InMemorySchemaRegistry registry) {
        try {
            if (Files.exists(file)) {
                replay(Files.readAllLines(file, StandardCharsets.UTF_8), registry);
            } else if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            final RegistryJournal journal = new RegistryJournal(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            registry.listener(journal);
            return journal;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open schema registry journal " + file, e);
        }
    }

    private static void replay(final List<String> lines, final InMemorySchemaRegistry registry) throws IOException {
        final ObjectMapper json = new ObjectMapper();
        for (final String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            final JsonNode entry = json.readTree(line);
            final String subject = entry.path("subject").isNull() ? null : entry.path("subject").asText();
            switch (entry.path("op").asText()) {
                case "register" -> registry.register(subject, new Schema.Parser().parse(entry.path("schema").asText()));
                case "compatibility" -> registry.setCompatibility(subject, CompatibilityLevel.valueOf(entry.path("level").asText()));
                case "delete" -> registry.deleteSubject(subject);
                default -> throw new IOException("Unknown journal entry: " + line);
            }
        }
    }

    @Override
    public void registered(final String subject, final Schema schema) {
        write(json.createObjectNode().put("op", "register").put("subject", subject).put("schema", schema.toString()));
    }

    @Override
    public void compatibilitySet(final String subject, final CompatibilityLevel level) {
        write(json.createObjectNode().put("op", "compatibility").put("subject", subject).put("level", level.name()));
    }

    @Override
    public void subjectDeleted(final String subject) {
        write(json.createObjectNode().put("op", "delete").put("subject", subject));
    }

    private void write(final ObjectNode entry) {
        try {
            out.write(entry.toString());
            out.newLine();
            out.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write schema registry journal", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot close schema registry journal", e);
        }
    }
}
