package dev.orderpipeline.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.ingest.internal.orders.FieldErrors;
import dev.orderpipeline.ingest.internal.orders.OrderEvents;
import dev.orderpipeline.ingest.internal.orders.OrderRequest;
import dev.orderpipeline.ingest.internal.orders.OrderRequestReader;
import dev.orderpipeline.ingest.internal.orders.OrderValidator;
import dev.orderpipeline.platform.http.ProblemException;
import dev.orderpipeline.schemas.Topic;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Produces {@code OrderPlaced} events straight to the {@code orders} topic, Avro in the Confluent wire format,
 * exactly as any other direct producer would (no HTTP, no ingest service): the worked example of the
 * direct-produce path, and a load source.
 *
 * <pre>
 * produce-orders --count 1000 --rate 200                         # random orders, 200/s
 * produce-orders --file orders.json --bootstrap kafka:9092 --registry http://registry:8081 \
 *                -X security.protocol=SASL_SSL -X sasl.mechanism=PLAIN -X 'sasl.jaas.config=...'
 * </pre>
 * A file holds a JSON array of orders in the {@code POST /orders} body format (or one object per line); they are
 * checked with the same rules as the HTTP API before anything is sent. Exit code 0 when every order was
 * acknowledged, 1 when some were not, 2 for invalid input.
 */
@Command(name = "produce-orders", mixinStandardHelpOptions = true, version = "produce-orders 1.0",
        description = "Produce OrderPlaced events directly to the orders topic (Avro, Confluent wire format).")
public final class ProduceOrders implements Callable<Integer> {

    static final int INVALID_INPUT = 2;
    static final int NOT_ALL_ACKNOWLEDGED = 1;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap", defaultValue = "localhost:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--registry", defaultValue = "http://localhost:8081", description = "Schema registry URL (default: ${DEFAULT-VALUE})")
    String registry;

    @Option(names = "--count", description = "Orders to send; with --file the file is cycled (default: 10, or each file order once)")
    Integer count;

    @Option(names = "--rate", defaultValue = "0", description = "Orders per second, 0 for as fast as acknowledgements allow (default: ${DEFAULT-VALUE})")
    double rate;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    /** Where orders come from. */
    static final class Source {
        @Option(names = "--random", description = "Random orders (the default)")
        boolean random;

        @Option(names = "--file", description = "JSON file of orders in the POST /orders body format")
        Path file;
    }

    @Option(names = "--customers", defaultValue = "5", description = "Random mode: customers c-1..c-N (default: ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--skus", split = ",", defaultValue = "SKU-1,SKU-2,SKU-3", description = "Random mode: SKUs to pick from (default: ${DEFAULT-VALUE})")
    List<String> skus;

    @Option(names = "--currency", defaultValue = "EUR", description = "Random mode: currency (default: ${DEFAULT-VALUE})")
    String currency;

    @Option(names = {"-X", "--producer-property"}, description = "Extra Kafka client setting, e.g. -X security.protocol=SASL_SSL")
    Map<String, String> producerProperties = new HashMap<>();

    public static void main(final String[] args) {
        System.exit(new CommandLine(new ProduceOrders()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<OrderRequest> orders;
        try {
            orders = source.file == null ? random() : fromFile(source.file);
        } catch (final IllegalArgumentException | IOException e) {
            err.println("Invalid input: " + e.getMessage());
            return INVALID_INPUT;
        }
        final int total = count != null ? count : source.file == null ? 10 : orders.size();
        final Result result;
        try {
            result = send(orders, total);
        } catch (final KafkaException e) {
            err.println("Kafka client failed: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            return NOT_ALL_ACKNOWLEDGED;
        }
        out.printf("Produced %d of %d orders to %s in %d ms (%.0f/s), %d failed%n", result.acknowledged(), total,
                Topics.ORDERS, result.elapsed().toMillis(),
                result.acknowledged() * 1000.0 / Math.max(1, result.elapsed().toMillis()), result.failed());
        out.flush();
        return result.failed() == 0 ? 0 : NOT_ALL_ACKNOWLEDGED;
    }

    private record Result(long acknowledged, long failed, Duration elapsed) {
    }

    private Result send(final List<OrderRequest> orders, final int total) {
        final Map<String, Object> config = new HashMap<>(producerProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 45_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "produce-orders");
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final PrintWriter err = spec.commandLine().getErr();
        final long started = System.nanoTime();
        try (Topics topics = Topics.create(Map.of("schema.registry.url", registry));
             KafkaProducer<String, OrderPlaced> producer = producer(config, topics.orders())) {
            final long intervalNanos = rate > 0 ? (long) (1_000_000_000L / rate) : 0;
            final Clock clock = Clock.systemUTC();
            for (int i = 0; i < total; i++) {
                if (intervalNanos > 0) {
                    LockSupport.parkNanos(started + i * intervalNanos - System.nanoTime());
                }
                final String orderId = UUID.randomUUID().toString();
                final OrderPlaced order = OrderEvents.placed(orders.get(i % orders.size()), orderId, clock.instant(),
                        OrderSource.DIRECT);
                producer.send(new ProducerRecord<>(Topics.ORDERS, orderId, order), (stored, failure) -> {
                    if (failure == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        err.println("Order " + orderId + " not stored: " + failure);
                    }
                });
            }
            producer.flush();
        }
        return new Result(acknowledged.get(), failed.get(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static KafkaProducer<String, OrderPlaced> producer(final Map<String, Object> config,
                                                               final Topic<String, OrderPlaced> topic) {
        return new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private List<OrderRequest> random() {
        if (customers < 1 || skus.isEmpty() || !OrderValidator.isCurrency(currency)) {
            throw new IllegalArgumentException("--customers must be at least 1, --skus not empty, --currency ISO-4217");
        }
        final Random random = new Random();
        final List<OrderRequest> result = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            final List<OrderRequest.Item> items = new ArrayList<>();
            final int lines = 1 + random.nextInt(3);
            for (int line = 0; line < lines; line++) {
                items.add(new OrderRequest.Item(skus.get(random.nextInt(skus.size())), 1L + random.nextInt(5),
                        100L * (1 + random.nextInt(50))));
            }
            result.add(new OrderRequest("c-" + (1 + random.nextInt(customers)), currency, items, null));
        }
        return checked(result);
    }

    private static List<OrderRequest> fromFile(final Path file) throws IOException {
        final ObjectMapper json = new ObjectMapper();
        final String text = Files.readString(file);
        final List<JsonNode> nodes = new ArrayList<>();
        final JsonNode whole = text.strip().startsWith("[") ? json.readTree(text) : null;
        if (whole != null) {
            whole.forEach(nodes::add);
        } else {
            for (final String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    nodes.add(json.readTree(line));
                }
            }
        }
        final List<OrderRequest> orders = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            final FieldErrors errors = new FieldErrors();
            final OrderRequest order = OrderRequestReader.read(nodes.get(i), errors);
            try {
                errors.throwIfAny("order");
            } catch (final ProblemException e) {
                throw new IllegalArgumentException("order #" + (i + 1) + " in " + file + ": "
                        + e.toProblem("").errors());
            }
            orders.add(order);
        }
        if (orders.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no orders");
        }
        return checked(orders);
    }

    private static List<OrderRequest> checked(final List<OrderRequest> orders) {
        final OrderValidator validator = new OrderValidator(Long.MAX_VALUE);
        for (int i = 0; i < orders.size(); i++) {
            final var errors = validator.validate(orders.get(i));
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("order #" + (i + 1) + ": " + errors);
            }
        }
        return orders;
    }
}
