package dev.orderpipeline.schemas.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.RegisteredSchema;
import dev.orderpipeline.schemas.registry.RegistryUnavailableException;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import dev.orderpipeline.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to a Confluent-compatible registry over HTTP (Confluent Schema Registry, Apicurio's
 * {@code /apis/ccompat/v7}, the local stack's in-memory server). One pooled {@link HttpClient} per instance;
 * failover across the configured URLs; bounded retries with exponential backoff and jitter on connection
 * failures, timeouts and 5xx answers. Not cached: wrap it in {@link CachingSchemaRegistryClient}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final AvroSerdeConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String authorization;

    public RestSchemaRegistryClient(final AvroSerdeConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.authorization = config.basicAuthUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema)).path("id").asInt();
    }

    @Override
    public RegisteredSchema lookup(final String subject, final Schema schema) {
        return registered(subject, send("POST", "/subjects/" + encode(subject), schemaBody(schema)));
    }

    @Override
    public Schema schemaById(final int id) {
        return parse(send("GET", "/schemas/ids/" + id, null).path("schema").asText());
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        return registered(subject, send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
    }

    @Override
    public RegisteredSchema version(final String subject, final int version) {
        return registered(subject, send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
    }

    @Override
    public List<Integer> versions(final String subject) {
        final List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public List<String> subjects() {
        final List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        try {
            return send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
                    .path("is_compatible").asBoolean();
        } catch (final SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return true; // nothing registered under the subject yet: anything is compatible
            }
            throw e; // any other 404 means a wrong URL, not "compatible"
        }
    }

    @Override
    public CompatibilityLevel compatibility(final String subject) {
        final String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
        final JsonNode answer;
        try {
            answer = send("GET", path, null);
        } catch (final SchemaRegistryException e) {
            if (subject != null && e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return compatibility(null); // Apicurio answers 40401 for a subject without versions
            }
            throw e;
        }
        final String level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel").asText()
                : answer.path("compatibility").asText();
        return CompatibilityLevel.valueOf(level);
    }

    @Override
    public void setCompatibility(final String subject, final CompatibilityLevel level) {
        final ObjectNode body = json.createObjectNode().put("compatibility", level.name());
        send("PUT", subject == null ? "/config" : "/config/" + encode(subject), body.toString());
    }

    private RegisteredSchema registered(final String requestedSubject, final JsonNode answer) {
        final String subject = answer.hasNonNull("subject") ? answer.get("subject").asText() : requestedSubject;
        return new RegisteredSchema(subject, answer.path("id").asInt(), answer.path("version").asInt(),
                parse(answer.path("schema").asText()));
    }

    private String schemaBody(final Schema schema) {
        return json.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema parse(final String text) {
        return new Schema.Parser().parse(text);
    }

    private static String encode(final String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends one request, trying each URL in turn and the whole list up to {@code max.retries + 1} times.
     * Error answers (4xx) end the call at once; only unreachable registries and 5xx answers are retried.
     */
    private JsonNode send(final String method, final String path, final String body) {
        final List<String> urls = config.registryUrls();
        final int attempts = config.maxRetries() + 1;
        Exception last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            final String base = urls.get(attempt % urls.size());
            try {
                final HttpResponse<String> response = http.send(request(method, base + path, body),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                final int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body() == null || response.body().isBlank()
                            ? json.createObjectNode() : json.readTree(response.body());
                }
                if (status < 500 && status != 408 && status != 429) {
                    throw error(status, response.body());
                }
                last = new IOException("HTTP " + status + " from " + base + path + ": " + response.body());
            } catch (final IOException e) {
                last = e;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("Interrupted while calling the schema registry", e);
            }
            if (attempt + 1 < attempts) {
                LOG.debug("Schema registry call {} {} failed (attempt {}/{}): {}", method, path, attempt + 1, attempts,
                        last.getMessage());
                pause(attempt);
            }
        }
        throw new RegistryUnavailableException("Schema registry unreachable at " + urls + " after " + attempts
                + " attempts (" + method + " " + path + "): " + last, last);
    }

    private HttpRequest request(final String method, final String url, final String body) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.readTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private SchemaRegistryException error(final int status, final String body) {
        int code = status;
        String message = body;
        try {
            final JsonNode node = json.readTree(body);
            code = node.path("error_code").asInt(status);
            message = node.path("message").asText(body);
        } catch (final IOException | RuntimeException ignored) {
            // not JSON: keep the raw body as the message
        }
        return SchemaRegistryException.of(status, code, message);
    }

    private void pause(final int attempt) {
        final long base = config.retryWait().toMillis() << Math.min(attempt, 20);
        final long capped = Math.min(base, config.retryMaxWait().toMillis());
        final long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        try {
            Thread.sleep(Duration.ofMillis(jittered));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while waiting to retry the schema registry", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
