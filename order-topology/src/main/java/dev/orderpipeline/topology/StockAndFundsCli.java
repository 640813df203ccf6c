package dev.orderpipeline.topology;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.topology.internal.AdjustmentPublisher;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Loads stock and funds into a running pipeline by producing to the {@code inventory} and {@code accounts} topics
 * (broker and registry from {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL}):
 *
 * <pre>
 * stock set    SKU-1 500            available units of SKU-1 become 500
 * stock adjust SKU-1 -20            20 fewer (never below zero)
 * funds set    c-1 EUR 100000       c-1 has 1,000.00 EUR available
 * funds adjust c-1 EUR 2500         25.00 EUR more
 * demo                              the demo catalogue (see DemoCatalogue)
 * </pre>
 */
public final class StockAndFundsCli {

    static final String USAGE = """
            usage: stock set|adjust <sku> <quantity>
                   funds set|adjust <customerId> <currency> <amountMinor>
                   demo""";

    /** One thing the CLI can be asked to do. */
    sealed interface Command {
    }

    record StockChange(AdjustmentKind kind, String sku, long quantity) implements Command {
    }

    record FundsChange(AdjustmentKind kind, String customerId, String currency, long amountMinor) implements Command {
    }

    record SeedDemo() implements Command {
    }

    private StockAndFundsCli() {
    }

    public static void main(final String[] args) {
        final int status = run(List.of(args), Env.fromSystem(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one command; returns the process exit status (0 done, 2 bad usage, 1 failed). */
    static int run(final List<String> args, final Env env, final PrintStream out, final PrintStream err) {
        final Command command;
        try {
            command = parse(args);
        } catch (final IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        final KafkaSettings kafka = KafkaSettings.from(env);
        try (Topics topics = Topics.create(kafka.serdeConfig())) {
            out.println(execute(command, kafka, topics));
            return 0;
        } catch (final RuntimeException e) {
            err.println("failed: " + e.getMessage());
            return 1;
        }
    }

    static Command parse(final List<String> args) {
        if (args.size() == 1 && args.get(0).equals("demo")) {
            return new SeedDemo();
        }
        if (args.size() == 4 && args.get(0).equals("stock")) {
            return new StockChange(kind(args.get(1)), nonBlank(args.get(2), "sku"), number(args.get(3), "quantity"));
        }
        if (args.size() == 5 && args.get(0).equals("funds")) {
            return new FundsChange(kind(args.get(1)), nonBlank(args.get(2), "customerId"),
                    nonBlank(args.get(3), "currency"), number(args.get(4), "amountMinor"));
        }
        throw new IllegalArgumentException("unknown command: " + String.join(" ", args));
    }

    private static String execute(final Command command, final KafkaSettings kafka, final Topics topics) {
        if (command instanceof SeedDemo) {
            DemoCatalogue.seed(kafka, topics);
            return "seeded the demo catalogue";
        }
        try (AdjustmentPublisher publisher = new AdjustmentPublisher(kafka, topics)) {
            final Instant now = Instant.now();
            final RecordMetadata written = switch (command) {
                case StockChange c -> AdjustmentPublisher.await(publisher.send(
                        new InventoryAdjustment(c.sku(), c.kind(), c.quantity(), now)));
                case FundsChange c -> AdjustmentPublisher.await(publisher.send(
                        new AccountAdjustment(c.customerId(), c.currency(), c.kind(), c.amountMinor(), now)));
                case SeedDemo d -> throw new IllegalStateException("handled above");
            };
            return "written to " + written.topic() + "-" + written.partition() + "@" + written.offset();
        }
    }

    private static AdjustmentKind kind(final String text) {
        return switch (text) {
            case "set" -> AdjustmentKind.SET;
            case "adjust" -> AdjustmentKind.ADJUST;
            default -> throw new IllegalArgumentException("expected set or adjust, not '" + text + "'");
        };
    }

    private static long number(final String text, final String what) {
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not '" + text + "'", e);
        }
    }

    private static String nonBlank(final String text, final String what) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return text;
    }
}
