package dev.orderpipeline.platform.health;

import io.javalin.config.JavalinConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Liveness and readiness endpoints. {@code /health/live} answers 200 while the process can serve HTTP at all;
 * {@code /health/ready} answers 200 only when every registered check is up (e.g. Streams RUNNING and stores
 * queryable, producer connected), else 503 with each check's state, so load balancers route around it.
 */
public final class Health {

    /** The outcome of one check. */
    public record Status(boolean up, String detail) {
        public static Status up(final String detail) {
            return new Status(true, detail);
        }

        public static Status down(final String detail) {
            return new Status(false, detail);
        }
    }

    /** A named readiness check. */
    public record Check(String name, Supplier<Status> probe) {
    }

    private final List<Check> checks;

    public Health(final List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Runs every check; a check that throws counts as down. */
    public Map<String, Status> evaluate() {
        final Map<String, Status> result = new LinkedHashMap<>();
        for (final Check check : checks) {
            Status status;
            try {
                status = check.probe().get();
            } catch (final RuntimeException e) {
                status = Status.down(e.toString());
            }
            result.put(check.name(), status);
        }
        return result;
    }

    public boolean ready() {
        return evaluate().values().stream().allMatch(Status::up);
    }

    public void install(final JavalinConfig config) {
        config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        config.routes.get("/health/ready", ctx -> {
            final Map<String, Status> results = evaluate();
            final boolean up = results.values().stream().allMatch(Status::up);
            ctx.status(up ? 200 : 503);
            if (!up) {
                ctx.header("Retry-After", "1");
            }
            ctx.json(Map.of("status", up ? "UP" : "DOWN", "checks", results));
        });
    }
}
