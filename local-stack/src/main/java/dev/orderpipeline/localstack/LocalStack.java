package dev.orderpipeline.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.consumers.NotificationConfig;
import dev.orderpipeline.consumers.NotificationService;
import dev.orderpipeline.ingest.IngestConfig;
import dev.orderpipeline.ingest.IngestService;
import dev.orderpipeline.localstack.internal.EmbeddedKafkaBroker;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.kafka.TopicAdmin;
import dev.orderpipeline.platform.metrics.Metrics;
import dev.orderpipeline.platform.security.Security;
import dev.orderpipeline.platform.security.SecurityConfig;
import dev.orderpipeline.projections.CustomerAccess;
import dev.orderpipeline.projections.ProjectionsConfig;
import dev.orderpipeline.projections.ProjectionsService;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.registry.SchemaRegistryServerConfig;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import dev.orderpipeline.schemas.registry.RegistryJournal;
import dev.orderpipeline.topology.DemoCatalogue;
import dev.orderpipeline.topology.OrderTopologyConfig;
import dev.orderpipeline.topology.OrderTopologyService;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: an embedded KRaft broker, the in-memory schema registry (journaled under the data
 * directory so schema ids survive restarts), the order saga, the projections, the notification dispatcher (log
 * channel unless configured otherwise) and the ingest API, all routes on one HTTP port. For trying the system out and for end-to-end tests; production runs each service on its own.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final Deque<AutoCloseable> resources;
    private final String bootstrapServers;
    private final String registryUrl;
    private final int httpPort;
    private final Health health;

    private LocalStack(final Deque<AutoCloseable> resources, final String bootstrapServers, final String registryUrl,
                       final int httpPort, final Health health) {
        this.resources = resources;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.httpPort = httpPort;
        this.health = health;
    }

    /** Starts everything and returns once the HTTP port is open; Streams may still be starting. */
    public static LocalStack start(final LocalStackConfig config, final Env env) {
        final Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config.dataDir().resolve("kafka"),
                    config.kafkaPort(), config.controllerPort());
            resources.push(broker);

            final InMemorySchemaRegistry schemas = new InMemorySchemaRegistry();
            resources.push(RegistryJournal.open(config.dataDir().resolve("schema-registry.jsonl"), schemas));
            final SchemaRegistryServer registry = SchemaRegistryServer.start(
                    SchemaRegistryServerConfig.onPort(config.registryPort()), schemas);
            resources.push(registry);

            final KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers(), registry.url());
            TopicAdmin.ensureTopics(kafka.clientConfig(), Topics.specs(), config.partitions(), (short) 1, Duration.ofSeconds(30));
            final Topics topics = Topics.create(kafka.serdeConfig());
            resources.push(topics);
            if (config.seedDemoData() && broker.freshlyFormatted()) {
                DemoCatalogue.seed(kafka, topics);
            }

            final Metrics metrics = new Metrics("local-stack");
            resources.push(metrics);
            final ObjectMapper json = JsonMappers.create();

            final Env services = env.with(Map.of(
                    "ORDER_TOPOLOGY_STATE_DIR", config.dataDir().resolve("state/order-saga").toString(),
                    "PROJECTIONS_STATE_DIR", config.dataDir().resolve("state/projections").toString(),
                    "HTTP_PORT", Integer.toString(config.httpPort()),
                    // the local stack is the one place where the development key is allowed
                    "SECURITY_PROFILE", env.string("SECURITY_PROFILE", "local")));
            final SecurityConfig security = SecurityConfig.from(services);
            final OrderTopologyService saga = OrderTopologyService.start(OrderTopologyConfig.from(services), kafka,
                    topics, metrics.registry());
            resources.push(saga);
            final ProjectionsService projections = ProjectionsService.start(ProjectionsConfig.from(services), kafka,
                    topics, metrics.registry(), CustomerAccess.ownCustomerOrAdmin());
            resources.push(projections);
            final NotificationService notifications = NotificationService.start(NotificationConfig.from(services),
                    kafka, topics, metrics.registry());
            resources.push(notifications);
            final IngestService ingest = new IngestService(IngestConfig.from(services), kafka, topics, json,
                    Clock.systemUTC(), metrics.registry());
            resources.push(ingest);

            final Health health = new Health(List.of(saga.readiness(), projections.readiness(),
                    notifications.readiness(), ingest.readiness()));
            final Javalin http = HttpServer.create(json, health, metrics,
                    List.of(c -> Security.install(c, security), ingest::routes, projections::routes));
            http.start(config.httpPort());
            // graceful order: ingest refuses new orders and finishes those in flight, then HTTP stops
            resources.remove(ingest);
            resources.push(() -> {
                ingest.close();
                http.stop();
            });
            return new LocalStack(resources, broker.bootstrapServers(), registry.url(), http.port(), health);
        } catch (final RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public String httpUrl() {
        return "http://localhost:" + httpPort;
    }

    /** Whether every service is ready: Streams RUNNING with stores queryable, consumers and ingest loaded. */
    public boolean ready() {
        return health.ready();
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(final Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            final AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (final Exception e) {
                LOG.warn("Error while stopping {}", resource, e);
            }
        }
    }

    public static void main(final String[] args) throws InterruptedException {
        final long started = System.nanoTime();
        final Env env = Env.fromSystem();
        final LocalStack stack = start(LocalStackConfig.from(env), env);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!stack.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        final long readyMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.println(Banner.text(stack, readyMs));
        stopped.await();
    }
}
