package dev.orderpipeline.bench.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP baseline: the very server the services run ({@link HttpServer#create}: same Jetty, virtual threads, JSON
 * mapper, error mapping, health and metrics), with two trivial routes and nothing behind them.
 * <ul>
 *   <li>{@code POST /orders}: parses the JSON body into a tree, reads the customer id and answers 202 with the same
 *       headers and body shape as ingest ({@code Location}, {@code {"orderId":...,"status":"PENDING"}}).</li>
 *   <li>{@code GET /constant/{bytes}}: a JSON document of exactly that many bytes, built once per size, standing in
 *       for a query answer of the same size.</li>
 * </ul>
 * Settings: {@code HTTP_PORT}.
 */
public final class TrivialHttpServer {

    /** Body of the 202 answer, shaped like ingest's. */
    public record Accepted(String orderId, String status) {
    }

    private final ObjectMapper json;
    private final Map<Integer, byte[]> constants = new ConcurrentHashMap<>();

    private TrivialHttpServer(final ObjectMapper json) {
        this.json = json;
    }

    static void start(final Env env) {
        final ObjectMapper json = JsonMappers.create();
        final TrivialHttpServer server = new TrivialHttpServer(json);
        final Metrics metrics = new Metrics("bench-trivial-http");
        final Javalin app = HttpServer.create(json, new Health(List.of()), metrics, List.of(config -> {
            config.routes.post("/orders", server::accept);
            config.routes.get("/constant/{bytes}", server::constant);
        }));
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "trivial-http-shutdown"));
        app.start(env.integer("HTTP_PORT", 8090));
    }

    private void accept(final Context ctx) throws IOException {
        final JsonNode body = json.readTree(ctx.bodyAsBytes());
        if (body == null || !body.path("customerId").isTextual()) {
            throw new BadRequestResponse("customerId is required");
        }
        final String orderId = UUID.randomUUID().toString();
        ctx.status(202).header("Location", "/orders/" + orderId).json(new Accepted(orderId, "PENDING"));
    }

    private void constant(final Context ctx) {
        final int size = Integer.parseInt(ctx.pathParam("bytes"));
        if (size < 16 || size > 1_000_000) {
            throw new BadRequestResponse("size must be 16..1000000");
        }
        ctx.contentType("application/json").result(constants.computeIfAbsent(size, TrivialHttpServer::document));
    }

    /** {@code {"pad":"xxx...x"}} of exactly {@code size} bytes. */
    static byte[] document(final int size) {
        final String prefix = "{\"pad\":\"";
        final String suffix = "\"}";
        final char[] pad = new char[size - prefix.length() - suffix.length()];
        Arrays.fill(pad, 'x');
        return (prefix + new String(pad) + suffix).getBytes(StandardCharsets.UTF_8);
    }
}
