package dev.orderpipeline.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;

/**
 * A complete schema registry held in memory, with the Confluent semantics the serde relies on: ids are global
 * and the same schema gets the same id under every subject; registering an existing schema is idempotent;
 * new versions are checked against the subject's {@link CompatibilityLevel} (global default BACKWARD).
 *
 * <p>Backs {@code mock://} URLs in tests and the registry server of the local stack. Thread-safe: every
 * operation holds the instance lock, which is plenty for a registry (writes are rare, reads are cached by
 * clients).
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    /**
     * Receives every change, in order, so that it can be written down and replayed on the next start (ids are
     * assigned deterministically, so replaying the same changes gives the same ids).
     */
    public interface ChangeListener {
        void registered(String subject, Schema schema);

        void compatibilitySet(String subject, CompatibilityLevel level);

        void subjectDeleted(String subject);
    }

    private static final ChangeListener NO_LISTENER = new ChangeListener() {
        @Override
        public void registered(final String subject, final Schema schema) {
        }

        @Override
        public void compatibilitySet(final String subject, final CompatibilityLevel level) {
        }

        @Override
        public void subjectDeleted(final String subject) {
        }
    };

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonicalForm = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectCompatibility = new HashMap<>();
    private CompatibilityLevel globalCompatibility = CompatibilityLevel.BACKWARD;
    private int nextId = 1;
    private ChangeListener listener = NO_LISTENER;

    /**
     * Sets who hears about changes from now on (e.g. a journal, attached after replaying it). Changes are reported
     * while the registry lock is held, so the listener sees them in the order they took effect.
     */
    public synchronized void listener(final ChangeListener newListener) {
        this.listener = newListener == null ? NO_LISTENER : newListener;
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final String canonical = canonical(schema);
        final List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        final Integer existingId = idsByCanonicalForm.get(canonical);
        if (existingId != null && versions.contains(existingId)) {
            return existingId;
        }
        final String incompatibility = incompatibility(subject, schema);
        if (incompatibility != null) {
            throw new IncompatibleSchemaException("Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\": " + incompatibility);
        }
        final int id = existingId != null ? existingId : nextId++;
        schemasById.putIfAbsent(id, schema);
        idsByCanonicalForm.putIfAbsent(canonical, id);
        idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        listener.registered(subject, schema);
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(final String subject, final Schema schema) {
        final List<Integer> ids = subjectIds(subject);
        final Integer id = idsByCanonicalForm.get(canonical(schema));
        final int index = id == null ? -1 : ids.indexOf(id);
        if (index < 0) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
        }
        return new RegisteredSchema(subject, id, index + 1, schemasById.get(id));
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        final Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(final String subject) {
        final List<Integer> ids = subjectIds(subject);
        return version(subject, ids.size());
    }

    @Override
    public synchronized RegisteredSchema version(final String subject, final int version) {
        final List<Integer> ids = subjectIds(subject);
        if (version < 1 || version > ids.size()) {
            throw new SchemaRegistryException(404, SchemaRegistryException.VERSION_NOT_FOUND, "Version " + version + " not found.");
        }
        final int id = ids.get(version - 1);
        return new RegisteredSchema(subject, id, version, schemasById.get(id));
    }

    @Override
    public synchronized List<Integer> versions(final String subject) {
        final int count = subjectIds(subject).size();
        final List<Integer> versions = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            versions.add(v);
        }
        return versions;
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    @Override
    public synchronized boolean isCompatible(final String subject, final Schema schema) {
        return incompatibility(subject, schema) == null;
    }

    @Override
    public synchronized CompatibilityLevel compatibility(final String subject) {
        if (subject == null) {
            return globalCompatibility;
        }
        return subjectCompatibility.getOrDefault(subject, globalCompatibility);
    }

    @Override
    public synchronized void setCompatibility(final String subject, final CompatibilityLevel level) {
        if (subject == null) {
            globalCompatibility = level;
        } else {
            subjectCompatibility.put(subject, level);
        }
        listener.compatibilitySet(subject, level);
    }

    /** Deletes a subject and returns the versions it had; ids stay resolvable, as in Confluent's soft delete. */
    public synchronized List<Integer> deleteSubject(final String subject) {
        final List<Integer> versions = versions(subject);
        idsBySubject.remove(subject);
        subjectCompatibility.remove(subject);
        listener.subjectDeleted(subject);
        return versions;
    }

    /** Subjects under which the schema with this id is registered. */
    public synchronized List<String> subjectsOf(final int id) {
        final List<String> subjects = new ArrayList<>();
        idsBySubject.forEach((subject, ids) -> {
            if (ids.contains(id)) {
                subjects.add(subject);
            }
        });
        return subjects;
    }

    private List<Integer> subjectIds(final String subject) {
        final List<Integer> ids = idsBySubject.get(subject);
        if (ids == null || ids.isEmpty()) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return ids;
    }

    /** Returns why the schema breaks the subject's rules, or null when it does not. */
    private String incompatibility(final String subject, final Schema candidate) {
        final List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        final CompatibilityLevel level = compatibility(subject);
        if (ids.isEmpty() || level == CompatibilityLevel.NONE) {
            return null;
        }
        final List<Integer> toCheck = level.transitive() ? ids : List.of(ids.get(ids.size() - 1));
        for (final int id : toCheck) {
            final Schema existing = schemasById.get(id);
            if (level.checksBackward()) {
                final String problem = readProblem(candidate, existing);
                if (problem != null) {
                    return "new schema cannot read data written with id " + id + " (" + level + "): " + problem;
                }
            }
            if (level.checksForward()) {
                final String problem = readProblem(existing, candidate);
                if (problem != null) {
                    return "schema id " + id + " cannot read data written with the new schema (" + level + "): " + problem;
                }
            }
        }
        return null;
    }

    private static String readProblem(final Schema reader, final Schema writer) {
        final SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
    }

    /**
     * Identity of a schema for id assignment. Parsing Canonical Form drops docs and defaults, which would make two
     * schemas that differ only in a default share an id; the full JSON text keeps them apart, as Confluent does.
     */
    private static String canonical(final Schema schema) {
        return schema.toString();
    }

    /** Parsing Canonical Form fingerprint, for logs and diagnostics. */
    public static long fingerprint(final Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
