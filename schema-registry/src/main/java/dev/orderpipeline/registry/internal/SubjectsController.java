package dev.orderpipeline.registry.internal;

import dev.orderpipeline.schemas.registry.IncompatibleSchemaException;
import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import dev.orderpipeline.schemas.registry.RegisteredSchema;
import io.javalin.http.Context;
import java.util.List;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /subjects/...}: registration, lookup, versions and deletion of subjects. */
final class SubjectsController {

    private static final Logger LOG = LoggerFactory.getLogger(SubjectsController.class);

    private final InMemorySchemaRegistry registry;
    private final JsonBodies bodies;

    SubjectsController(final InMemorySchemaRegistry registry, final JsonBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    /** {@code GET /subjects[?subjectPrefix=p]}: subject names, sorted. */
    void subjects(final Context ctx) {
        final String prefix = ctx.queryParam("subjectPrefix");
        final List<String> subjects = registry.subjects().stream()
                .filter(s -> prefix == null || s.startsWith(prefix))
                .toList();
        bodies.send(ctx, 200, subjects);
    }

    /** {@code GET /subjects/{subject}/versions}: version numbers, ascending; 40401 for an unknown subject. */
    void versions(final Context ctx) {
        bodies.send(ctx, 200, registry.versions(ctx.pathParam("subject")));
    }

    /**
     * {@code POST /subjects/{subject}/versions}: registers the schema (or finds it) and answers its global id.
     * 409 if it breaks the subject's compatibility level, 42201 if it is not a valid Avro schema.
     */
    void register(final Context ctx) {
        final String subject = ctx.pathParam("subject");
        final Schema schema = RequestValues.schema(bodies.read(ctx, Wire.SchemaRequest.class));
        final int id;
        final int versionsBefore;
        final int versionsAfter;
        try {
            // InMemorySchemaRegistry locks on itself; holding its lock makes count-register-count one step, so the
            // log below cannot credit this request with another client's concurrent registration.
            synchronized (registry) {
                versionsBefore = versionCount(subject);
                id = registry.register(subject, schema);
                versionsAfter = versionCount(subject);
            }
        } catch (final IncompatibleSchemaException e) {
            LOG.info("Refused schema {} for subject '{}': {}", schema.getFullName(), subject, e.getMessage());
            throw e;
        }
        if (versionsAfter > versionsBefore) {
            LOG.info("Registered schema {} under subject '{}' as version {} with id {}",
                    schema.getFullName(), subject, versionsAfter, id);
        }
        bodies.send(ctx, 200, new Wire.SchemaId(id));
    }

    /**
     * {@code POST /subjects/{subject}}: finds an already registered schema; 40401 for an unknown subject, 40403
     * when the subject does not hold this schema.
     */
    void lookup(final Context ctx) {
        final Schema schema = RequestValues.schema(bodies.read(ctx, Wire.SchemaRequest.class));
        bodies.send(ctx, 200, answer(registry.lookup(ctx.pathParam("subject"), schema)));
    }

    /** {@code GET /subjects/{subject}/versions/{version|latest}}. */
    void version(final Context ctx) {
        bodies.send(ctx, 200, answer(find(ctx)));
    }

    /** {@code GET /subjects/{subject}/versions/{version|latest}/schema}: the schema itself, unwrapped. */
    void versionSchema(final Context ctx) {
        bodies.sendRaw(ctx, 200, find(ctx).schema().toString());
    }

    /**
     * {@code DELETE /subjects/{subject}}: removes the subject and answers the versions it had. The ids stay
     * resolvable, since records written with them may still be in topics (Confluent's soft delete).
     */
    void delete(final Context ctx) {
        final String subject = ctx.pathParam("subject");
        final List<Integer> versions = registry.deleteSubject(subject);
        LOG.info("Deleted subject '{}' (versions {})", subject, versions);
        bodies.send(ctx, 200, versions);
    }

    private RegisteredSchema find(final Context ctx) {
        final String subject = ctx.pathParam("subject");
        final OptionalInt version = RequestValues.version(ctx.pathParam("version"));
        return version.isPresent() ? registry.version(subject, version.getAsInt()) : registry.latest(subject);
    }

    private int versionCount(final String subject) {
        return registry.subjects().contains(subject) ? registry.versions(subject).size() : 0;
    }

    private static Wire.SubjectVersionSchema answer(final RegisteredSchema registered) {
        return new Wire.SubjectVersionSchema(registered.subject(), registered.version(), registered.id(),
                registered.schema().toString());
    }
}
