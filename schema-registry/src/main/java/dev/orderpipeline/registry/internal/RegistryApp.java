package dev.orderpipeline.registry.internal;

import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route table of the Confluent Schema Registry REST subset that serializers and tools use, wired to the
 * controllers over one {@link InMemorySchemaRegistry}.
 */
public final class RegistryApp {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryApp.class);

    /**
     * Largest accepted request body. Javalin's 1 MB default is too tight for schemas with big enums or long docs;
     * 8 MB is far above any sane schema and still bounds what one request can make the server buffer.
     */
    static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;

    private RegistryApp() {
    }

    /** A configured, not yet started Javalin app serving the registry API. */
    public static Javalin create(final InMemorySchemaRegistry registry) {
        final JsonBodies bodies = new JsonBodies();
        final SubjectsController subjects = new SubjectsController(registry, bodies);
        final SchemasController schemas = new SchemasController(registry, bodies);
        final CompatibilityController compatibility = new CompatibilityController(registry, bodies);
        final ErrorAnswers errors = new ErrorAnswers(bodies);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.router.javaLangErrorHandler(errors::fatal);
            config.jetty.modifyServer(server -> server.setErrorHandler(ErrorAnswers.jettyErrorHandler()));
            config.requestLogger.http((ctx, millis) ->
                    LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.status().getCode(), millis));

            config.routes.get("/", ctx -> bodies.send(ctx, 200, Map.of()));

            config.routes.get("/subjects", subjects::subjects);
            config.routes.post("/subjects/{subject}", subjects::lookup);
            config.routes.delete("/subjects/{subject}", subjects::delete);
            config.routes.get("/subjects/{subject}/versions", subjects::versions);
            config.routes.post("/subjects/{subject}/versions", subjects::register);
            config.routes.get("/subjects/{subject}/versions/{version}", subjects::version);
            config.routes.get("/subjects/{subject}/versions/{version}/schema", subjects::versionSchema);

            config.routes.get("/schemas/types", schemas::types);
            config.routes.get("/schemas/ids/{id}", schemas::byId);
            config.routes.get("/schemas/ids/{id}/schema", schemas::rawById);
            config.routes.get("/schemas/ids/{id}/versions", schemas::subjectVersions);

            config.routes.post("/compatibility/subjects/{subject}/versions/{version}", compatibility::check);
            config.routes.get("/config", compatibility::globalLevel);
            config.routes.put("/config", compatibility::setGlobalLevel);
            config.routes.get("/config/{subject}", compatibility::subjectLevel);
            config.routes.put("/config/{subject}", compatibility::setSubjectLevel);

            config.routes.exception(SchemaRegistryException.class, errors::registryError);
            config.routes.exception(HttpResponseException.class, errors::httpError);
            config.routes.exception(Exception.class, errors::unexpected);
        });
    }
}
