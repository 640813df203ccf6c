package dev.orderpipeline.registry.internal;

import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** {@code /schemas/...}: schemas by global id, which is how deserializers resolve the id in every record. */
final class SchemasController {

    private final InMemorySchemaRegistry registry;
    private final JsonBodies bodies;

    SchemasController(final InMemorySchemaRegistry registry, final JsonBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    /** {@code GET /schemas/ids/{id}}: {@code {"schema": "..."}}; 40403 for an unknown id. */
    void byId(final Context ctx) {
        bodies.send(ctx, 200, new Wire.SchemaText(schema(ctx).toString()));
    }

    /** {@code GET /schemas/ids/{id}/schema}: the schema itself, unwrapped. */
    void rawById(final Context ctx) {
        bodies.sendRaw(ctx, 200, schema(ctx).toString());
    }

    /** {@code GET /schemas/ids/{id}/versions}: every subject and version that holds the schema. */
    void subjectVersions(final Context ctx) {
        final int id = RequestValues.schemaId(ctx.pathParam("id"));
        final List<Wire.SubjectVersion> places = new ArrayList<>();
        // InMemorySchemaRegistry locks on itself; holding its lock keeps a concurrent delete of one of these
        // subjects from failing the lookups half-way through.
        synchronized (registry) {
            final Schema schema = registry.schemaById(id);
            for (final String subject : registry.subjectsOf(id)) {
                places.add(new Wire.SubjectVersion(subject, registry.lookup(subject, schema).version()));
            }
        }
        bodies.send(ctx, 200, places);
    }

    /** {@code GET /schemas/types}: the schema types this registry accepts. */
    void types(final Context ctx) {
        bodies.send(ctx, 200, List.of("AVRO"));
    }

    private Schema schema(final Context ctx) {
        return registry.schemaById(RequestValues.schemaId(ctx.pathParam("id")));
    }
}
