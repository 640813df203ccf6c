package dev.orderpipeline.registry.internal;

import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import io.javalin.http.Context;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /config} and {@code /compatibility}: compatibility levels and dry-run compatibility checks. */
final class CompatibilityController {

    private static final Logger LOG = LoggerFactory.getLogger(CompatibilityController.class);

    private final InMemorySchemaRegistry registry;
    private final JsonBodies bodies;

    CompatibilityController(final InMemorySchemaRegistry registry, final JsonBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    /** {@code GET /config}: the global level (BACKWARD unless changed). */
    void globalLevel(final Context ctx) {
        bodies.send(ctx, 200, new Wire.ConfigLevel(registry.compatibility(null).name()));
    }

    /**
     * {@code GET /config/{subject}}: the level that applies to the subject, its own or else the global one.
     *
     * <p>Confluent answers 40408 for a subject without a level of its own unless {@code defaultToGlobal=true} is
     * given; this server always answers as if it were, because {@link InMemorySchemaRegistry} does not tell the
     * two apart. Clients that ask "which level applies" (all the Confluent serdes and tools) see no difference.
     */
    void subjectLevel(final Context ctx) {
        bodies.send(ctx, 200, new Wire.ConfigLevel(registry.compatibility(ctx.pathParam("subject")).name()));
    }

    /** {@code PUT /config}: sets the global level; 42203 for an unknown level. */
    void setGlobalLevel(final Context ctx) {
        final CompatibilityLevel level = RequestValues.compatibility(bodies.read(ctx, Wire.ConfigUpdate.class));
        registry.setCompatibility(null, level);
        LOG.info("Global compatibility level set to {}", level);
        bodies.send(ctx, 200, new Wire.ConfigUpdate(level.name()));
    }

    /** {@code PUT /config/{subject}}: sets the subject's own level, also before its first version exists. */
    void setSubjectLevel(final Context ctx) {
        final String subject = ctx.pathParam("subject");
        final CompatibilityLevel level = RequestValues.compatibility(bodies.read(ctx, Wire.ConfigUpdate.class));
        registry.setCompatibility(subject, level);
        LOG.info("Compatibility level of subject '{}' set to {}", subject, level);
        bodies.send(ctx, 200, new Wire.ConfigUpdate(level.name()));
    }

    /**
     * {@code POST /compatibility/subjects/{subject}/versions/{version|latest}}: whether the schema is compatible.
     *
     * <p>Against {@code latest} the answer is exactly "would registering it succeed": the registry's own check,
     * which for transitive levels covers every version, and is true for a subject with no versions yet. Against a
     * numbered version the subject's level decides the direction (backward, forward or both) and only that version
     * is checked; 40401/40402 when it does not exist.
     */
    void check(final Context ctx) {
        final String subject = ctx.pathParam("subject");
        final OptionalInt version = RequestValues.version(ctx.pathParam("version"));
        final Schema candidate = RequestValues.schema(bodies.read(ctx, Wire.SchemaRequest.class));
        final boolean compatible = version.isPresent()
                ? compatible(registry.compatibility(subject), candidate, registry.version(subject, version.getAsInt()).schema())
                : registry.isCompatible(subject, candidate);
        bodies.send(ctx, 200, new Wire.CompatibilityCheck(compatible));
    }

    private static boolean compatible(final CompatibilityLevel level, final Schema candidate, final Schema existing) {
        return (!level.checksBackward() || canRead(candidate, existing))
                && (!level.checksForward() || canRead(existing, candidate));
    }

    private static boolean canRead(final Schema reader, final Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType() == SchemaCompatibilityType.COMPATIBLE;
    }
}
