package dev.orderpipeline.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderpipeline.bench.load.Progress;
import dev.orderpipeline.bench.process.ChildClasspath;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short exactly-once audit: 5,000 orders over HTTP and direct produce against tight stock and funds, two
 * {@code kill -9}s of saga/projections instances, one {@code kill -9} of the broker, five poison records — then every
 * invariant checked from the topics and the query API. Every service runs in a process of its own (started from the
 * deployable's roles with this module's class path), so it needs nothing but the JDK running the build; about three
 * minutes on two cores. The long version is {@code scripts/chaos}.
 */
class ChaosAuditIT {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosAuditIT.class);

    @Test
    @Timeout(value = 9, unit = TimeUnit.MINUTES)
    void shouldKeepEveryInvariantWhileInstancesAndTheBrokerAreKilled() {
        // Given: the class path Maven wrote for child JVMs (absent when run outside the build)
        final Optional<ChildClasspath> classpath = ChildClasspath.fromFile();
        assumeTrue(classpath.isPresent(), "skipped: -Dbench.classpath.file is not set or unreadable; run through "
                + "Maven (./pipeline test or ./pipeline mvn -pl bench verify), which writes target/bench.classpath");
        final Path workDir = Path.of(System.getProperty("bench.work.dir", "target/chaos-it"))
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        final ChaosSettings settings = ChaosSettings.quick(workDir, classpath.get());

        // When
        final AuditReport report = ChaosRun.run(settings, Progress.silent());
        LOG.info("Chaos audit (work dir {}):\n{}", workDir, report.render());

        // Then
        assertThat(report.failures()).as("invariants broken:\n%s", report.render()).isEmpty();
        assertThat(report.events()).as("the monkey killed two instances and the broker")
                .filteredOn(e -> e.contains("kill -9")).hasSize(3);
        assertThat(report.counts().get("orders acknowledged over HTTP (202)"))
                .as("HTTP orders acknowledged").isPositive();
        assertThat(report.counts().get("orders acknowledged by the broker (direct produce)"))
                .as("direct orders acknowledged").isPositive();
        assertThat(report.counts().get("reversals (CANCELLED after CONFIRMED)")).as("confirmations reversed")
                .isPositive();
        assertThat(report.counts().get("decisions REJECTED")).as("tight stock and funds reject many orders")
                .isGreaterThan(report.counts().get("decisions CONFIRMED") / 4);
    }
}
