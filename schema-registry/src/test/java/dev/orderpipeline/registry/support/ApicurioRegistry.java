package dev.orderpipeline.registry.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry 3 server in a child JVM, for running the registry contract against an independent
 * Confluent-compatible implementation. Maven unpacks the distribution ({@code apicurio-registry-app-*-all.tar.gz},
 * a Quarkus fast-jar) in {@code pre-integration-test}; failsafe passes its directory as {@code apicurio.home}.
 *
 * <p>How it is run, and why:
 * <ul>
 *   <li>with the JVM the tests run on ({@code java.home}), which the build already guarantees is Java 21+, as
 *       Apicurio 3 requires;</li>
 *   <li>on port 0 for both the API and Quarkus' management interface (which cannot be switched off at run time and
 *       would otherwise take 9000): no port can be taken between choosing and binding it, and parallel builds on
 *       one machine cannot collide. The port is read from Quarkus' "Listening on" start-up line;</li>
 *   <li>on loopback only, with the default storage spelled out: SQL on an in-memory H2 database, fresh each run;
 *   </li>
 *   <li>with {@code apicurio.rules.global.compatibility=BACKWARD}: out of the box Apicurio has no global rule and
 *       answers {@code NONE} on {@code GET /config}, so it would accept every incompatible schema where Confluent
 *       refuses it. Any deployment of Apicurio for this pipeline must set it; the contract proves what then holds;
 *   </li>
 *   <li>with {@code apicurio.ccompat.legacy-id-mode.enabled=false} (the default, spelled out): the Confluent API
 *       then hands out <em>contentIds</em>, so the same schema gets the same id under every subject as in
 *       Confluent; legacy mode would hand out globalIds, one per version;</li>
 *   <li>with C1 only and the serial GC: about a second faster to start on two cores, and a test registry needs
 *       neither peak throughput nor a parallel collector.</li>
 * </ul>
 * Its console goes to {@code apicurio.log} (default {@code target/apicurio.log}). {@link #close()} stops it and any
 * child process; a JVM shutdown hook does the same if the test JVM ends without closing it.
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);

    /** Base path of Apicurio's Confluent-compatible API. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^\\s:]+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int MINIMUM_JAVA = 21;

    /**
     * Where Apicurio is and where its console output goes.
     *
     * @param home directory of the unpacked distribution (holds {@code quarkus-run.jar})
     * @param log  file that receives the server's stdout and stderr
     */
    public record Settings(Path home, Path log) {
        public Settings {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(log, "log");
        }

        /** From the {@code apicurio.home} and {@code apicurio.log} system properties that failsafe sets. */
        public static Settings fromSystemProperties() {
            final String home = System.getProperty("apicurio.home");
            if (home == null || home.isBlank()) {
                throw new IllegalStateException("System property apicurio.home is not set; run the ITs through Maven "
                        + "(./pipeline mvn -pl schema-registry verify), which unpacks Apicurio and sets it");
            }
            return new Settings(Path.of(home), Path.of(System.getProperty("apicurio.log", "target/apicurio.log")));
        }
    }

    private final Process process;
    private final String baseUrl;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ApicurioRegistry(final Process process, final String baseUrl, final Duration startupTime) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::stop, "apicurio-registry-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Apicurio and waits until its Confluent API answers.
     *
     * @throws IllegalStateException if the distribution is missing, the JVM is too old, or the server dies or does
     *                               not get ready in time (the exception carries the end of its log)
     */
    public static ApicurioRegistry start(final Settings settings) {
        final Path runner = settings.home().resolve("quarkus-run.jar");
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("No Apicurio Registry at " + settings.home() + " (missing quarkus-run.jar); "
                    + "the pre-integration-test unpack should have put it there");
        }
        if (Runtime.version().feature() < MINIMUM_JAVA) {
            throw new IllegalStateException("Apicurio Registry 3 needs Java " + MINIMUM_JAVA + "+, tests run on "
                    + Runtime.version());
        }
        final long startNanos = System.nanoTime();
        final Process process = launch(settings, runner);
        try {
            final int port = awaitPort(process, settings.log());
            final String baseUrl = "http://127.0.0.1:" + port;
            awaitReady(process, settings.log(), baseUrl + CCOMPAT_PATH + "/subjects");
            final Duration startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
            LOG.info("Apicurio Registry ready at {} after {} ms (pid {}, log {})", baseUrl, startupTime.toMillis(),
                    process.pid(), settings.log());
            return new ApicurioRegistry(process, baseUrl, startupTime);
        } catch (final RuntimeException e) {
            destroy(process);
            throw e;
        }
    }

    /** Base URL of the Confluent-compatible API, for {@code schema.registry.url}. */
    public String ccompatUrl() {
        return baseUrl + CCOMPAT_PATH;
    }

    /** From launching the JVM to the first successful API call. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the server and waits for it to exit. Safe to call more than once. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException e) {
            // the JVM is already shutting down; the hook is stopping the server
        }
        stop();
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            destroy(process);
            LOG.info("Apicurio Registry at {} stopped", baseUrl);
        }
    }

    private static Process launch(final Settings settings, final Path runner) {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = List.of(java,
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=0",
                "-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=h2",
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-Dapicurio.ccompat.legacy-id-mode.enabled=false",
                "-jar", runner.toString());
        try {
            Files.createDirectories(settings.log().toAbsolutePath().getParent());
            LOG.info("Starting Apicurio Registry: {}", String.join(" ", command));
            return new ProcessBuilder(command)
                    .directory(settings.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(settings.log().toFile()))
                    .start();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot start Apicurio Registry from " + runner, e);
        }
    }

    private static int awaitPort(final Process process, final Path log) {
        try {
            return await("Apicurio Registry to log its port")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> listeningPort(process, log), OptionalInt::isPresent)
                    .getAsInt();
        } catch (final ConditionTimeoutException e) {
            throw new IllegalStateException("Apicurio Registry did not start within " + START_TIMEOUT + "; "
                    + tail(log), e);
        }
    }

    private static void awaitReady(final Process process, final Path log, final String probeUrl) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            final HttpRequest probe = HttpRequest.newBuilder(URI.create(probeUrl)).timeout(Duration.ofSeconds(5)).build();
            await("Apicurio Registry to answer " + probeUrl)
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        requireAlive(process, log);
                        try {
                            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (final IOException e) {
                            return false; // not accepting connections yet
                        }
                    });
        } catch (final ConditionTimeoutException e) {
            throw new IllegalStateException("Apicurio Registry did not get ready within " + START_TIMEOUT + "; "
                    + tail(log), e);
        }
    }

    private static OptionalInt listeningPort(final Process process, final Path log) throws IOException {
        requireAlive(process, log);
        if (!Files.exists(log)) {
            return OptionalInt.empty();
        }
        final Matcher matcher = LISTENING.matcher(read(log));
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    private static void requireAlive(final Process process, final Path log) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                    + " while starting; " + tail(log));
        }
    }

    /** Asks the server and its children to stop, then insists if they do not within the timeout. */
    private static void destroy(final Process process) {
        final List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException | ExecutionException e) {
            LOG.warn("Apicurio Registry (pid {}) did not stop within {}; killing it", process.pid(), STOP_TIMEOUT);
            process.destroyForcibly();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String tail(final Path log) {
        try {
            final List<String> lines = Files.exists(log) ? read(log).lines().toList() : List.of();
            return "last lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (final IOException e) {
            return "its log " + log + " is unreadable: " + e.getMessage();
        }
    }

    /** The log so far; lenient about a multi-byte character the server is half-way through writing. */
    private static String read(final Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
