package dev.orderpipeline.bench;

import dev.orderpipeline.bench.chaos.AuditReport;
import dev.orderpipeline.bench.chaos.ChaosRun;
import dev.orderpipeline.bench.chaos.ChaosSettings;
import dev.orderpipeline.bench.load.Progress;
import dev.orderpipeline.bench.process.ChildClasspath;
import dev.orderpipeline.bench.process.JvmOptions;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/chaos}: the long exactly-once audit (100,000 orders by default), or the short one with
 * {@code --quick}. Prints the pass/fail report and exits 0 when every invariant held, 1 when one did not, 2 on bad
 * usage. Work files and logs go to {@code results/chaos-<timestamp>/}.
 */
public final class ChaosMain {

    static final String USAGE = """
            usage: scripts/chaos [options]
              --quick              the short audit of the test suite (5,000 orders, 2 kills)
              --orders N           orders placed (default 100000)
              --rate R             orders per second (default 250)
              --kills K            most kill -9s of saga/projections instances (default: one every --kill-every)
              --kill-every S       seconds between kills (default 8)
              --broker hard|graceful|none   how the broker is restarted once (default hard: kill -9)
              --seed N             seed of the order mix and of the victims (default: random, printed)
              --service-jvm "OPTS" JVM options of service processes
              --out DIR            work directory (default results/chaos-<timestamp>)""";

    private ChaosMain() {
    }

    public static void main(final String[] args) {
        final ChaosSettings settings;
        try {
            settings = parse(args);
        } catch (final IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("chaos: " + e.getMessage());
            }
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.setProperty("bench.log.file", settings.workDir().resolve("harness.log").toString());
        System.err.printf(Locale.ROOT, "Chaos audit: %,d orders at %.0f/s, seed %d, work dir %s%n", settings.orders(),
                settings.rate(), settings.seed(), settings.workDir().toAbsolutePath());
        final AuditReport report;
        try {
            report = ChaosRun.run(settings, Progress.onStderr());
        } catch (final RuntimeException e) {
            LoggerFactory.getLogger(ChaosMain.class).error("Chaos run failed", e);
            System.err.println("chaos: the run could not complete: " + e.getMessage() + " (see "
                    + settings.workDir().resolve("harness.log") + " and the logs next to it)");
            System.exit(1);
            return;
        }
        System.out.println(report.render());
        System.exit(report.passed() ? 0 : 1);
    }

    static ChaosSettings parse(final String[] args) {
        final CommandLine line = CommandLine.parse(args, Set.of("quick", "help"));
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        final Path dir = Path.of(line.string("out", "results/chaos-" + stamp));
        ChaosSettings settings = line.flag("quick") ? ChaosSettings.quick(dir, ChildClasspath.current())
                : ChaosSettings.full(dir, ChildClasspath.current());
        settings = settings.withOrders(line.integer("orders", settings.orders()), line.decimal("rate",
                settings.rate()));
        settings = settings.withKills(line.integer("kills", settings.kills()), line.duration("kill-every",
                settings.killEvery()), ChaosSettings.BrokerRestart.valueOf(line.string("broker",
                settings.brokerRestart().name()).toUpperCase(Locale.ROOT)));
        final String seed = line.string("seed", null);
        if (seed != null) {
            settings = settings.withSeed(Long.parseLong(seed));
        }
        final String jvm = line.string("service-jvm", null);
        if (jvm != null) {
            settings = settings.withServiceJvm(JvmOptions.parse(jvm));
        }
        if (line.flag("help")) {
            throw new IllegalArgumentException("help");
        }
        line.rejectUnknown();
        return settings;
    }
}
