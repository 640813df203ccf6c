package dev.orderpipeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.ingest.internal.http.AdminController;
import dev.orderpipeline.ingest.internal.http.Drain;
import dev.orderpipeline.ingest.internal.http.HttpMetrics;
import dev.orderpipeline.ingest.internal.http.JsonBodies;
import dev.orderpipeline.ingest.internal.http.OpenApiDocument;
import dev.orderpipeline.ingest.internal.http.OrdersController;
import dev.orderpipeline.ingest.internal.http.RequestIds;
import dev.orderpipeline.ingest.internal.idempotency.IdempotentOrders;
import dev.orderpipeline.ingest.internal.idempotency.LedgerView;
import dev.orderpipeline.ingest.internal.kafka.EventPublisher;
import dev.orderpipeline.ingest.internal.kafka.ProducerSettings;
import dev.orderpipeline.ingest.internal.orders.OrderValidator;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.security.Access;
import dev.orderpipeline.platform.security.Role;
import dev.orderpipeline.schemas.Topics;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: the order producer, the idempotency ledger view and the routes that use them. Holds no state
 * that is not in Kafka, so any number of instances can run behind a load balancer and any of them can take any
 * request. Its routes go into whichever Javalin server hosts it ({@link IngestApp} standalone, or the local
 * stack), next to {@code platform.security}, which must be installed in the same server: every ingest route
 * declares its role and fails closed without it.
 *
 * <p>Routes: {@code POST /orders} (orders:write), {@code DELETE /orders/{id}} (orders:write),
 * {@code PUT /admin/inventory/{sku}} and {@code PUT /admin/accounts/{customerId}} (admin), {@code GET /openapi.json}
 * (public). Request ids and HTTP metrics cover exactly these paths.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    /** Path patterns of the ingest routes, for request ids and HTTP metrics. */
    private static final List<String> PATHS = List.of("/orders", "/orders/*", "/admin/*", "/openapi.json");

    private final IngestConfig config;
    private final EventPublisher publisher;
    private final LedgerView ledger;
    private final OrdersController orders;
    private final AdminController admin;
    private final OpenApiDocument openApi = new OpenApiDocument();
    private final RequestIds requestIds = new RequestIds();
    private final HttpMetrics httpMetrics;
    private final Drain drain;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean producerWarm;

    /** A service whose meters go nowhere; prefer the constructor taking the process's registry. */
    public IngestService(final IngestConfig config, final KafkaSettings kafka, final Topics topics,
                         final ObjectMapper json, final Clock clock) {
        this(config, kafka, topics, json, clock, new SimpleMeterRegistry());
    }

    /**
     * Creates the producer and starts reading the idempotency ledger; does not block on Kafka (readiness reports
     * when the ledger is loaded).
     */
    public IngestService(final IngestConfig config, final KafkaSettings kafka, final Topics topics,
                         final ObjectMapper json, final Clock clock, final MeterRegistry registry) {
        this.config = config;
        this.publisher = new EventPublisher(kafka,
                ProducerSettings.forSendTimeout(config.sendTimeout(), config.producerLinger()), registry);
        this.ledger = new LedgerView(kafka, config.idempotencyTopic(), config.idempotencyWindow(),
                config.idempotencyPartitions(), config.createIdempotencyTopic(), clock, registry);
        this.ledger.start();
        final JsonBodies bodies = new JsonBodies(json, config.maxBodyBytes());
        final IdempotentOrders idempotent = new IdempotentOrders(ledger, publisher, config.idempotencyTopic(),
                config.idempotencyWindow(), clock);
        this.orders = new OrdersController(new OrdersController.Dependencies(bodies,
                new OrderValidator(config.maxOrderTotalMinor()), publisher, idempotent, topics, clock,
                config.sendTimeout(), config.retryAfter(), registry));
        this.admin = new AdminController(bodies, publisher, topics, clock, config.retryAfter());
        this.httpMetrics = new HttpMetrics(registry);
        this.drain = new Drain(config.retryAfter());
        Thread.ofVirtual().name("ingest-producer-warm-up").start(() -> warmUp(List.of(topics.orders().name(),
                config.idempotencyTopic())));
    }

    /** Fetches producer metadata of the hot-path topics until it succeeds or the service stops. */
    private void warmUp(final List<String> hotTopics) {
        try {
            while (!publisher.warmUp(hotTopics)) {
                if (closing.await(1, TimeUnit.SECONDS)) {
                    return;
                }
            }
            producerWarm = true;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers the ingest routes with their roles, plus request ids and metrics on their paths. */
    public void routes(final JavalinConfig javalin) {
        for (final String path : PATHS) {
            // One handler each way: Javalin matches every before/after handler's path on every request.
            javalin.routes.before(path, ctx -> {
                requestIds.before(ctx);
                httpMetrics.before(ctx);
            });
            javalin.routes.after(path, ctx -> {
                httpMetrics.after(ctx);
                requestIds.after(ctx);
            });
        }
        javalin.routes.post("/orders", drain.guard(orders::place), Role.ORDERS_WRITE);
        javalin.routes.delete("/orders/{id}", drain.guard(orders::cancel), Role.ORDERS_WRITE);
        javalin.routes.put("/admin/inventory/{sku}", drain.guard(admin::inventory), Role.ADMIN);
        javalin.routes.put("/admin/accounts/{customerId}", drain.guard(admin::account), Role.ADMIN);
        javalin.routes.get("/openapi.json", openApi::serve, Access.PUBLIC);
    }

    /**
     * Ready once the producer knows where the orders go and the idempotency ledger is loaded, and until shutdown
     * begins, so load balancers send nothing before the first request can be served quickly, and stop sending
     * before the service refuses requests.
     */
    public Health.Check readiness() {
        return new Health.Check("ingest", () -> {
            if (drain.draining()) {
                return Health.Status.down("shutting down");
            }
            if (!producerWarm) {
                return Health.Status.down("fetching Kafka metadata");
            }
            return ledger.caughtUp() ? Health.Status.up("accepting orders")
                    : Health.Status.down("loading the idempotency ledger " + config.idempotencyTopic());
        });
    }

    /**
     * Graceful stop: refuse new requests (503 + {@code Retry-After}), let running ones finish (up to
     * {@code INGEST_SHUTDOWN_TIMEOUT}), then flush the producer so every acknowledged record is sent. Call it
     * before stopping the HTTP server. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        drain.stopAccepting();
        if (!drain.awaitIdle(config.shutdownTimeout())) {
            LOG.warn("{} ingest request(s) still running after {}; stopping anyway", drain.running(),
                    config.shutdownTimeout());
        }
        ledger.close();
        publisher.close(config.sendTimeout());
        LOG.info("Ingest stopped");
    }
}
