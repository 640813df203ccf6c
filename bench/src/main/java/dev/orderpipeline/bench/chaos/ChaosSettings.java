package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.bench.process.ChildClasspath;
import dev.orderpipeline.bench.process.JvmOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One chaos run.
 *
 * @param workDir          data, state and logs of the run
 * @param orders           orders placed (HTTP and direct together)
 * @param rate             orders placed per second (open loop)
 * @param httpShare        share of orders placed over HTTP; the rest is produced directly to {@code orders}
 * @param partitions       partitions of every pipeline topic
 * @param ingestInstances  ingest processes (never killed: the audit counts what they acknowledged)
 * @param kills            most {@code kill -9}s of saga/projections instances
 * @param killEvery        pause between kills (with ±30 % jitter)
 * @param brokerRestart    how the broker is restarted once, half-way through the load
 * @param poisonRecords    undecodable records injected into {@code orders} on purpose
 * @param cancelShare      share of acknowledged orders whose cancellation is requested soon after
 * @param duplicateShare   share of direct orders produced a second time (a client retry)
 * @param invalidShare     share of direct orders that break a business rule (must be REJECTED, not dead-lettered)
 * @param skus             products {@code chaos-sku-1..}
 * @param customers        customers {@code chaos-c-1..}
 * @param initialStock     units of each product at the start: tight, so that many orders are rejected
 * @param initialFunds     minor units per customer in each of EUR and USD at the start: tight as well
 * @param topUpEvery       how often stock and funds get a positive adjustment during the run
 * @param drainTimeout     longest wait after the load for every acknowledged order to be decided
 * @param serviceJvm       JVM options of service processes
 * @param brokerJvm        JVM options of the broker
 * @param classpath        class path of child JVMs
 * @param seed             seed of every random choice (order mix, victims), printed so a run can be repeated
 */
public record ChaosSettings(Path workDir, int orders, double rate, double httpShare, int partitions,
                            int ingestInstances, int kills, Duration killEvery, BrokerRestart brokerRestart,
                            int poisonRecords, double cancelShare, double duplicateShare, double invalidShare,
                            int skus, int customers, long initialStock, long initialFunds, Duration topUpEvery,
                            Duration drainTimeout, JvmOptions serviceJvm, JvmOptions brokerJvm,
                            ChildClasspath classpath, long seed) {

    /** How the broker is restarted once during the load. */
    public enum BrokerRestart {
        /** Not at all. */
        NONE,
        /** {@code SIGTERM}: controlled shutdown, then start. */
        GRACEFUL,
        /** {@code SIGKILL}, then start: log recovery and transaction timeouts on the way back. */
        HARD
    }

    public ChaosSettings {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(brokerRestart, "brokerRestart");
        if (orders < 1 || rate <= 0 || partitions < 2 || ingestInstances < 1 || skus < 1 || customers < 1) {
            throw new IllegalArgumentException("orders, rate, ingest instances, SKUs and customers must be positive "
                    + "and partitions at least 2 (two instances of each service share them)");
        }
        if (httpShare < 0 || httpShare > 1 || cancelShare < 0 || duplicateShare < 0 || invalidShare < 0) {
            throw new IllegalArgumentException("shares must be within 0..1");
        }
    }

    /**
     * The short audit of the test suite: 5,000 orders in about 40 s, two kills, a hard broker restart, a handful of
     * poison records; JVMs tuned for start-up on two cores.
     */
    public static ChaosSettings quick(final Path workDir, final ChildClasspath classpath) {
        return new ChaosSettings(workDir, 5_000, 125, 0.5, 4, 1, 2, Duration.ofSeconds(12), BrokerRestart.HARD, 5,
                0.03, 0.02, 0.02, 20, 60, 250, 40_000, Duration.ofSeconds(3), Duration.ofMinutes(3),
                JvmOptions.FAST_START, JvmOptions.parse("-Xms128m -Xmx768m -XX:+UseSerialGC"), classpath,
                System.nanoTime());
    }

    /**
     * The long audit ({@code scripts/chaos}): 100,000 orders at 250/s (under seven minutes of load), a kill every
     * 8 s, two ingest instances, a hard broker restart.
     */
    public static ChaosSettings full(final Path workDir, final ChildClasspath classpath) {
        return new ChaosSettings(workDir, 100_000, 250, 0.5, 4, 2, Integer.MAX_VALUE, Duration.ofSeconds(8),
                BrokerRestart.HARD, 20, 0.03, 0.02, 0.02, 50, 400, 2_000, 150_000, Duration.ofSeconds(2),
                Duration.ofMinutes(10), JvmOptions.parse("-Xms64m -Xmx384m -XX:+UseSerialGC"),
                JvmOptions.parse("-Xms128m -Xmx1g -XX:+UseG1GC"), classpath, System.nanoTime());
    }

    /** The expected length of the load, from the order count and rate. */
    public Duration loadDuration() {
        return Duration.ofMillis(Math.round(orders / rate * 1000));
    }

    public ChaosSettings withOrders(final int count, final double perSecond) {
        return new ChaosSettings(workDir, count, perSecond, httpShare, partitions, ingestInstances, kills, killEvery,
                brokerRestart, poisonRecords, cancelShare, duplicateShare, invalidShare, skus, customers,
                initialStock, initialFunds, topUpEvery, drainTimeout, serviceJvm, brokerJvm, classpath, seed);
    }

    public ChaosSettings withKills(final int count, final Duration every, final BrokerRestart broker) {
        return new ChaosSettings(workDir, orders, rate, httpShare, partitions, ingestInstances, count, every, broker,
                poisonRecords, cancelShare, duplicateShare, invalidShare, skus, customers, initialStock,
                initialFunds, topUpEvery, drainTimeout, serviceJvm, brokerJvm, classpath, seed);
    }

    public ChaosSettings withSeed(final long value) {
        return new ChaosSettings(workDir, orders, rate, httpShare, partitions, ingestInstances, kills, killEvery,
                brokerRestart, poisonRecords, cancelShare, duplicateShare, invalidShare, skus, customers,
                initialStock, initialFunds, topUpEvery, drainTimeout, serviceJvm, brokerJvm, classpath, value);
    }

    public ChaosSettings withServiceJvm(final JvmOptions value) {
        return new ChaosSettings(workDir, orders, rate, httpShare, partitions, ingestInstances, kills, killEvery,
                brokerRestart, poisonRecords, cancelShare, duplicateShare, invalidShare, skus, customers,
                initialStock, initialFunds, topUpEvery, drainTimeout, value, brokerJvm, classpath, seed);
    }
}
