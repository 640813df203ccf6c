package dev.orderpipeline.bench.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running child JVM started by {@link Children}. Ending it is always explicit and by this handle: {@link #stop}
 * sends {@code SIGTERM} (the service shuts down cleanly), {@link #kill} sends {@code SIGKILL} (a crash, on purpose).
 */
public final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ChildSpec spec;
    private final Process process;
    private final long startedNanos;
    private volatile long peakRssBytes;

    ChildProcess(final ChildSpec spec, final Process process, final long startedNanos) {
        this.spec = spec;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    public ChildSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path logFile() {
        return spec.logFile();
    }

    /** Nanos ({@link System#nanoTime()}) when the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /**
     * Waits until the health URL answers 2xx.
     *
     * @return how long after the process start it became ready
     * @throws IllegalStateException if the process exits or the timeout passes first
     */
    public Duration awaitReady(final Duration timeout) {
        final URI url = spec.health().orElseThrow(() -> new IllegalStateException(name() + " has no health URL"));
        Waits.until(name() + " to be ready at " + url, timeout, Duration.ofMillis(100), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited with status " + process.exitValue()
                        + " before it was ready; see " + spec.logFile());
            }
            return healthy(url);
        });
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Whether the health URL answers 2xx right now. */
    public boolean ready() {
        return process.isAlive() && spec.health().map(ChildProcess::healthy).orElse(false);
    }

    private static boolean healthy(final URI url) {
        try {
            final HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Resident memory now. */
    public OptionalLong rssBytes() {
        return Rss.current(pid());
    }

    /**
     * Peak resident memory since start: read from {@code /proc} while the process lives, and remembered, so it is
     * still known after {@link #stop} or {@link #kill}.
     */
    public OptionalLong peakRssBytes() {
        sampleRss();
        return peakRssBytes == 0 ? OptionalLong.empty() : OptionalLong.of(peakRssBytes);
    }

    private void sampleRss() {
        if (process.isAlive()) {
            Rss.peak(pid()).ifPresent(peak -> peakRssBytes = Math.max(peakRssBytes, peak));
        }
    }

    /** {@code SIGKILL}: the process dies at once, as in a crash. Returns when it is gone. */
    public void kill() {
        sampleRss();
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        LOG.info("Killed {} (pid {})", name(), pid());
    }

    /** {@code SIGTERM}, then {@code SIGKILL} if it is still running after {@code grace}. */
    public void stop(final Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        sampleRss();
        process.destroy();
        if (!awaitExit(grace)) {
            LOG.warn("{} (pid {}) did not stop within {}; killing it", name(), pid(), grace);
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    /** Waits for the process to end; answers whether it did in time. */
    public boolean awaitExit(final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The exit status; only valid once the process ended. */
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public String toString() {
        return name() + "(pid " + pid() + ")";
    }
}
