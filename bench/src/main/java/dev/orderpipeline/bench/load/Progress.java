package dev.orderpipeline.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar on stderr for long runs: {@code [#######.....]  58%  saga 116000/200000  ETA 0:41}. On a
 * terminal it redraws in place at most every 200 ms; when output goes to a file or CI log it prints a plain line every
 * 10 s instead, so logs stay readable.
 */
public final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long redrawNanos;
    private String label = "";
    private long startedNanos;
    private long lastDrawNanos;

    public Progress(final PrintStream out, final boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.redrawNanos = terminal ? Duration.ofMillis(200).toNanos() : Duration.ofSeconds(10).toNanos();
    }

    /** A progress bar on stderr that redraws in place when a console is attached. */
    public static Progress onStderr() {
        return new Progress(System.err, System.console() != null);
    }

    /** A progress sink that prints nothing (tests). */
    public static Progress silent() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()), false);
    }

    /** Starts a new task. */
    public synchronized void begin(final String task) {
        this.label = task;
        this.startedNanos = System.nanoTime();
        this.lastDrawNanos = terminal ? 0 : startedNanos;
        if (terminal) {
            draw(0, "");
        }
    }

    /** Reports progress of the current task, {@code fraction} in [0, 1]. */
    public synchronized void update(final double fraction, final String detail) {
        final long now = System.nanoTime();
        if (now - lastDrawNanos >= redrawNanos) {
            draw(fraction, detail);
        }
    }

    /** Ends the current task with a final line. */
    public synchronized void done(final String summary) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.printf("  %-34s %s (%.1f s)%n", label, summary, (System.nanoTime() - startedNanos) / 1e9);
        out.flush();
    }

    private void draw(final double fraction, final String detail) {
        lastDrawNanos = System.nanoTime();
        final double f = Math.max(0, Math.min(1, fraction));
        final int filled = (int) Math.round(f * WIDTH);
        final double elapsed = (lastDrawNanos - startedNanos) / 1e9;
        final String eta = f > 0.02 ? clock(elapsed / f - elapsed) : "--:--";
        final String line = String.format(Locale.ROOT, "[%s%s] %3.0f%%  %s %s  ETA %s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), f * 100, label, detail, eta);
        if (terminal) {
            out.print("\r\033[K" + line);
        } else {
            out.println("  " + line);
        }
        out.flush();
    }

    private static String clock(final double seconds) {
        final long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
