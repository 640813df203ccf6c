package dev.orderpipeline.localstack;

import dev.orderpipeline.ingest.IngestMain;
import dev.orderpipeline.ingest.cli.ProduceOrders;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.kafka.TopicAdmin;
import dev.orderpipeline.projections.ProjectionsMain;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.schemas.TopicSpec;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.topology.DemoCatalogue;
import dev.orderpipeline.topology.OrderTopologyMain;
import dev.orderpipeline.topology.StockAndFundsCli;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the deployable jar, and so of the one container image: the first argument names the role the
 * process plays, the rest is handed to that role.
 *
 * <pre>
 * java -jar app.jar [local]                     the whole pipeline in one JVM (LocalStack; the default)
 * java -jar app.jar ingest                      HTTP ingest (IngestMain)
 * java -jar app.jar saga                        the order saga on Kafka Streams (OrderTopologyMain)
 * java -jar app.jar projections                 views and interactive queries (ProjectionsMain)
 * java -jar app.jar notifications               notification dispatcher (consumers' NotificationMain)
 * java -jar app.jar registry                    the in-memory Confluent-compatible registry (SchemaRegistryServer)
 * java -jar app.jar broker server.properties    a Kafka broker/controller (kafka.Kafka), storage formatted first
 * java -jar app.jar storage format ...          Kafka's storage tool (kafka.tools.StorageTool)
 * java -jar app.jar init [--wait]               create topics, set registry compatibility, optionally seed demo data;
 *                                               with --wait only wait until the topics exist
 * java -jar app.jar stock|funds|demo ...        load stock and funds (StockAndFundsCli)
 * java -jar app.jar produce ...                 produce orders directly to Kafka (ProduceOrders)
 * </pre>
 *
 * <p>Why one jar with roles rather than one artifact per service: every service ships the same dependency set
 * (Kafka clients, Streams, Avro, Javalin), so a single image is built, scanned and cached once, its layers are
 * shared by every pod on a node, and all roles of one release are guaranteed to run the same code and schemas.
 * Each role still runs alone in its own process with its own configuration; only the bytes on disk are shared.
 *
 * <p>Service roles configure themselves from the environment exactly as their own {@code main} does; this class
 * adds no settings of its own except for {@code init}:
 * <ul>
 *   <li>{@code TOPIC_PARTITIONS} (default 6): partitions of each pipeline topic when created; {@code orders},
 *       {@code order-cancellations}, {@code inventory} and {@code accounts} must be co-partitioned, which
 *       {@code init} checks on existing topics too. It never changes an existing topic.</li>
 *   <li>{@code TOPIC_REPLICATION_FACTOR} (default 1; 3 in production).</li>
 *   <li>{@code REGISTRY_COMPATIBILITY} (default BACKWARD): the registry's global compatibility level.</li>
 *   <li>{@code SEED_DEMO_DATA} (default false): load the demo catalogue when {@code init} created the inventory
 *       topic in this run (so a restart never resets stock levels).</li>
 *   <li>{@code INIT_TIMEOUT} (default 120s): how long to wait for Kafka and the registry before failing.</li>
 * </ul>
 */
public final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    /**
     * The dispatcher's main class, looked up by name: the consumers module is not a compile-time dependency of this
     * module, so the jar may be built without it, and the role then fails with a clear message.
     */
    static final String NOTIFICATIONS_MAIN = "dev.orderpipeline.consumers.NotificationMain";

    /** Topics whose records are joined by key in the saga: their partition counts must be equal. */
    static final List<String> CO_PARTITIONED = List.of(Topics.ORDERS, Topics.ORDER_CANCELLATIONS, Topics.INVENTORY,
            Topics.ACCOUNTS);

    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILED = 1;
    static final int EXIT_MISSING_ROLE = 3;

    static final String USAGE = """
            usage: java -jar app.jar [ROLE] [ARGS...]
              local                      whole pipeline in one JVM (default)
              ingest                     HTTP ingest service
              saga                       order saga (Kafka Streams)
              projections                projections and interactive queries
              notifications              notification dispatcher
              registry                   in-memory Confluent-compatible schema registry
              broker <server.properties> Kafka broker/controller (format storage first)
              storage <args>             Kafka storage tool, e.g. storage format --standalone -t ID -c FILE
              init [--wait]              create topics, set registry compatibility, seed demo data if asked
              stock|funds|demo <args>    load stock and funds into a running pipeline
              produce <args>             produce orders directly to the orders topic (--help for options)
            Services read their settings from the environment (see deploy/README.md).""";

    private Launcher() {
    }

    public static void main(final String[] args) throws Exception {
        final String role = args.length == 0 ? "local" : args[0].toLowerCase(Locale.ROOT);
        final String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        switch (role) {
            case "local" -> LocalStack.main(rest);
            case "ingest" -> IngestMain.main(rest);
            case "saga", "topology" -> OrderTopologyMain.main(rest);
            case "projections" -> ProjectionsMain.main(rest);
            case "notifications", "consumers" -> exitOnFailure(runByName(NOTIFICATIONS_MAIN, "notifications", rest,
                    System.err));
            case "registry" -> SchemaRegistryServer.main(rest);
            case "broker" -> {
                if (rest.length < 1) {
                    System.err.println("role broker needs the path of a server.properties file");
                    System.exit(EXIT_USAGE);
                }
                kafka.Kafka.main(rest);
            }
            case "storage" -> kafka.tools.StorageTool.main(rest);
            case "init" -> System.exit(init(Env.fromSystem(), List.of(rest), System.out, System.err));
            case "stock", "funds", "demo" -> StockAndFundsCli.main(args);
            case "produce" -> ProduceOrders.main(rest);
            case "help", "-h", "--help" -> System.out.println(USAGE);
            default -> {
                System.err.println("unknown role '" + args[0] + "'");
                System.err.println(USAGE);
                System.exit(EXIT_USAGE);
            }
        }
    }

    private static void exitOnFailure(final int status) {
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the {@code main} of a class that may be missing from the jar.
     *
     * @return 0 when {@code main} returned (its non-daemon threads keep the JVM up), {@link #EXIT_MISSING_ROLE} when
     *         the class is not in the jar
     */
    static int runByName(final String className, final String role, final String[] args, final PrintStream err)
            throws Exception {
        final Method main;
        try {
            main = Class.forName(className).getMethod("main", String[].class);
        } catch (final ClassNotFoundException | NoSuchMethodException e) {
            err.println("role " + role + " is not available in this build: " + className + " (with a public static "
                    + "main) is missing from the jar. Add the module that holds it as a dependency of local-stack and "
                    + "rebuild (./pipeline build).");
            return EXIT_MISSING_ROLE;
        }
        try {
            main.invoke(null, (Object) args);
        } catch (final InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        return 0;
    }

    /**
     * The one-shot start-up job of a deployment: waits for Kafka and the registry (bounded by {@code INIT_TIMEOUT}),
     * creates missing topics, checks co-partitioning, sets the registry's global compatibility, and seeds the demo
     * catalogue when asked and the topics are new. Safe to run again and from several places at once.
     *
     * @return the process exit status: 0 done, 1 failed, 2 bad usage
     */
    static int init(final Env env, final List<String> args, final PrintStream out, final PrintStream err) {
        if (!args.isEmpty() && !args.equals(List.of("--wait"))) {
            err.println("usage: init [--wait]");
            return EXIT_USAGE;
        }
        final boolean waitOnly = args.contains("--wait");
        try {
            final InitSettings settings = InitSettings.from(env);
            final KafkaSettings kafka = KafkaSettings.from(env);
            final long deadline = System.nanoTime() + settings.timeout().toNanos();
            if (waitOnly) {
                awaitTopics(kafka, deadline);
                out.println("All pipeline topics exist.");
                return 0;
            }
            final Set<String> created = createTopics(kafka, settings, deadline);
            checkPartitions(kafka, settings, deadline);
            setCompatibility(kafka, settings.compatibility(), deadline);
            if (settings.seedDemoData() && created.contains(Topics.INVENTORY)) {
                try (Topics topics = Topics.create(kafka.serdeConfig())) {
                    DemoCatalogue.seed(kafka, topics);
                }
                out.println("Seeded the demo catalogue.");
            }
            out.printf("Init done: created %s, registry compatibility %s.%n", created.isEmpty() ? "no topics"
                    : created.stream().sorted().collect(Collectors.joining(", ")), settings.compatibility());
            return 0;
        } catch (final IllegalArgumentException e) {
            err.println("init: invalid setting: " + e.getMessage());
            return EXIT_USAGE;
        } catch (final RuntimeException e) {
            err.println("init failed: " + e.getMessage());
            LOG.debug("init failed", e);
            return EXIT_FAILED;
        }
    }

    /**
     * Settings of the {@code init} role.
     *
     * @param partitions        {@code TOPIC_PARTITIONS}
     * @param replicationFactor {@code TOPIC_REPLICATION_FACTOR}
     * @param compatibility     {@code REGISTRY_COMPATIBILITY}
     * @param seedDemoData      {@code SEED_DEMO_DATA}
     * @param timeout           {@code INIT_TIMEOUT}
     */
    record InitSettings(int partitions, short replicationFactor, String compatibility, boolean seedDemoData,
                        Duration timeout) {

        private static final Set<String> LEVELS = Set.of("BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
                "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE");

        InitSettings {
            if (partitions < 1) {
                throw new IllegalArgumentException("TOPIC_PARTITIONS must be at least 1, not " + partitions);
            }
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("TOPIC_REPLICATION_FACTOR must be at least 1, not "
                        + replicationFactor);
            }
            if (!LEVELS.contains(compatibility)) {
                throw new IllegalArgumentException("REGISTRY_COMPATIBILITY must be one of " + new TreeSet<>(LEVELS)
                        + ", not " + compatibility);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("INIT_TIMEOUT must be positive");
            }
        }

        static InitSettings from(final Env env) {
            final int replication = env.integer("TOPIC_REPLICATION_FACTOR", 1);
            if (replication > Short.MAX_VALUE) {
                throw new IllegalArgumentException("TOPIC_REPLICATION_FACTOR is too large: " + replication);
            }
            return new InitSettings(env.integer("TOPIC_PARTITIONS", 6), (short) replication,
                    env.string("REGISTRY_COMPATIBILITY", "BACKWARD").toUpperCase(Locale.ROOT),
                    env.bool("SEED_DEMO_DATA", false), env.duration("INIT_TIMEOUT", Duration.ofSeconds(120)));
        }
    }

    /** Creates missing topics, retrying while the cluster is not reachable yet or another process races us. */
    private static Set<String> createTopics(final KafkaSettings kafka, final InitSettings settings, final long deadline) {
        return retryUntil(deadline, "create topics on " + kafka.bootstrapServers(), () ->
                TopicAdmin.ensureTopics(kafka.clientConfig(), Topics.specs(), settings.partitions(),
                        settings.replicationFactor(), attemptTimeout(deadline)));
    }

    /** Fails when the co-partitioned topics differ in partition count; warns when they differ from the setting. */
    private static void checkPartitions(final KafkaSettings kafka, final InitSettings settings, final long deadline) {
        final Map<String, Integer> counts = retryUntil(deadline, "describe topics", () -> partitionCounts(kafka,
                CO_PARTITIONED, deadline));
        if (counts.values().stream().distinct().count() != 1) {
            throw new IllegalStateException("Topics " + CO_PARTITIONED + " must have the same number of partitions "
                    + "(the saga joins them by key), but have " + new TreeMap<>(counts) + ". Recreate them, or add "
                    + "partitions to the smaller ones before any service starts.");
        }
        final int actual = counts.values().iterator().next();
        if (actual != settings.partitions()) {
            LOG.warn("The pipeline topics have {} partitions, TOPIC_PARTITIONS asks for {}; existing topics are never "
                    + "changed (that would move keys between partitions)", actual, settings.partitions());
        }
    }

    private static Map<String, Integer> partitionCounts(final KafkaSettings kafka, final List<String> names,
                                                        final long deadline) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            final Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(attemptTimeout(deadline).toMillis(), TimeUnit.MILLISECONDS);
            final Map<String, Integer> counts = new HashMap<>();
            descriptions.forEach((name, d) -> counts.put(name, d.partitions().size()));
            return counts;
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe topics " + names + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Waits until every pipeline topic exists; creates nothing. */
    private static void awaitTopics(final KafkaSettings kafka, final long deadline) {
        final List<String> wanted = Topics.specs().stream().map(TopicSpec::name).toList();
        retryUntil(deadline, "wait for topics " + wanted, () -> {
            try (Admin admin = Admin.create(kafka.clientConfig())) {
                final Set<String> existing = admin.listTopics().names()
                        .get(attemptTimeout(deadline).toMillis(), TimeUnit.MILLISECONDS);
                final List<String> missing = wanted.stream().filter(t -> !existing.contains(t)).toList();
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("missing topics " + missing);
                }
                return missing;
            } catch (final ExecutionException | TimeoutException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        });
    }

    /**
     * Sets and reads back the registry's global compatibility level through the Confluent REST API
     * ({@code PUT /config}), which this project's registry and Apicurio's {@code /apis/ccompat/v7} both serve.
     */
    private static void setCompatibility(final KafkaSettings kafka, final String level, final long deadline) {
        final String base = kafka.schemaRegistryUrl().split(",")[0].strip().replaceAll("/+$", "");
        if (base.startsWith("mock://")) {
            return;
        }
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final Object userInfo = kafka.serdeConfig().get("basic.auth.user.info");
        retryUntil(deadline, "set compatibility " + level + " on " + base, () -> {
            final HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(base + "/config"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"));
            final HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(base + "/config"))
                    .timeout(Duration.ofSeconds(10));
            if (userInfo != null) {
                final String token = Base64.getEncoder().encodeToString(userInfo.toString()
                        .getBytes(StandardCharsets.UTF_8));
                put.header("Authorization", "Basic " + token);
                get.header("Authorization", "Basic " + token);
            }
            final HttpResponse<String> set = send(http, put.build());
            if (set.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT /config answered " + set.statusCode() + ": " + set.body());
            }
            final HttpResponse<String> read = send(http, get.build());
            if (read.statusCode() / 100 != 2 || !read.body().contains("\"" + level + "\"")) {
                throw new IllegalStateException("GET /config answered " + read.statusCode() + ": " + read.body());
            }
            return read.body();
        });
    }

    private static HttpResponse<String> send(final HttpClient http, final HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (final java.io.IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Time left for one attempt: at most 15 s, at least 1 s. */
    private static Duration attemptTimeout(final long deadline) {
        final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return Duration.ofMillis(Math.max(1_000, Math.min(15_000, left)));
    }

    /** The message of an exception or of its innermost cause that has one; Kafka's timeouts often have none. */
    private static String describe(final Throwable e) {
        String text = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                text = t.getMessage();
            } else if (t.getCause() == null) {
                text = text + " (" + t.getClass().getSimpleName() + ")";
            }
        }
        return text;
    }

    private interface Attempt<T> {
        T run();
    }

    /** Runs an attempt until it succeeds or the deadline passes, backing off from 0.5 s to 5 s between tries. */
    private static <T> T retryUntil(final long deadline, final String what, final Attempt<T> attempt) {
        long backoffMs = 500;
        while (true) {
            try {
                return attempt.run();
            } catch (final RuntimeException e) {
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs) >= deadline) {
                    throw new IllegalStateException("Gave up trying to " + what + " (INIT_TIMEOUT): " + describe(e), e);
                }
                LOG.info("Cannot {} yet ({}); retrying in {} ms", what, describe(e), backoffMs);
                try {
                    Thread.sleep(backoffMs);
                } catch (final InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted", interrupted);
                }
                backoffMs = Math.min(5_000, backoffMs * 2);
            }
        }
    }
}
