package dev.orderpipeline.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts child JVMs and remembers every one it started, so that {@link #close()} (and a JVM shutdown hook, should
 * the harness itself be interrupted) ends exactly those and nothing else.
 *
 * <p>Children get a cleaned copy of the harness's environment: settings the services read ({@code KAFKA_*},
 * {@code HTTP_*}, {@code SECURITY_*} ...) are removed first, so a developer's shell cannot change what is measured.
 * The class path goes through an argument file so {@code ps} stays readable.
 */
public final class Children implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Children.class);
    private static final List<String> SERVICE_PREFIXES = List.of("KAFKA_", "SCHEMA_REGISTRY_", "HTTP_", "SECURITY_",
            "INGEST_", "ORDER_", "PROJECTIONS_", "NOTIFY_", "SALES_", "REGISTRY_", "TOPIC_", "SEED_", "INIT_",
            "DATA_DIR", "PARTITIONS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path argFile;
    private final List<ChildProcess> started = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private final Thread rssSampler;
    private volatile boolean open = true;

    /**
     * @param workDir   where the class path argument file is written
     * @param classpath the class path of every child
     */
    public Children(final Path workDir, final ChildClasspath classpath) {
        try {
            Files.createDirectories(workDir);
            this.argFile = workDir.resolve("child-classpath.args");
            Files.writeString(argFile, "-cp \"" + classpath.value().replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"\n", StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot prepare " + workDir, e);
        }
        this.shutdownHook = new Thread(this::killAll, "bench-children-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.rssSampler = Thread.ofVirtual().name("bench-rss-sampler").start(this::sampleRss);
    }

    /** Reads every live child's peak RSS twice a second, so short-lived children have a figure too. */
    private void sampleRss() {
        while (open) {
            started.stream().filter(ChildProcess::alive).forEach(ChildProcess::peakRssBytes);
            try {
                Thread.sleep(Duration.ofMillis(500));
            } catch (final InterruptedException e) {
                return;
            }
        }
    }

    /** Launches a child from its spec; returns at once (see {@link ChildProcess#awaitReady}). */
    public ChildProcess start(final ChildSpec spec) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spec.jvm().options());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.add("@" + argFile);
        command.add(spec.mainClass());
        command.addAll(spec.args());
        final ProcessBuilder builder = new ProcessBuilder(command);
        final Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> SERVICE_PREFIXES.stream().anyMatch(key::startsWith));
        env.putAll(spec.env());
        try {
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            Files.writeString(spec.logFile(), "=== start " + Instant.now() + " " + String.join(" ", command)
                    + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            builder.redirectErrorStream(true).redirectOutput(Redirect.appendTo(spec.logFile().toFile()));
            final long startedNanos = System.nanoTime();
            final ChildProcess child = new ChildProcess(spec, builder.start(), startedNanos);
            started.add(child);
            LOG.info("Started {} (pid {}), log {}", spec.name(), child.pid(), spec.logFile());
            return child;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot start " + spec.name(), e);
        }
    }

    /** Every child started so far, in start order, including ended ones. */
    public List<ChildProcess> all() {
        return List.copyOf(started);
    }

    /** Stops every child still running, newest first ({@code SIGTERM}, then {@code SIGKILL} after a grace period). */
    @Override
    public void close() {
        open = false;
        rssSampler.interrupt();
        final List<ChildProcess> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (final ChildProcess child : reversed) {
            try {
                child.stop(STOP_GRACE);
            } catch (final RuntimeException e) {
                LOG.warn("Could not stop {}: {}", child, e.getMessage());
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException e) {
            LOG.debug("JVM already shutting down; the hook ends the children");
        }
    }

    private void killAll() {
        for (final ChildProcess child : started) {
            if (child.alive()) {
                child.kill();
            }
        }
    }
}
