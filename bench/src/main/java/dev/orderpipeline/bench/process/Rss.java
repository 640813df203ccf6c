package dev.orderpipeline.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory of a process from Linux's {@code /proc/<pid>/status}: {@code VmRSS} now and {@code VmHWM}, the
 * peak since the process started. The peak is what a container memory limit must cover, so that is what the
 * benchmark reports. Empty where {@code /proc} is not available.
 */
public final class Rss {

    private Rss() {
    }

    /** Current resident set size in bytes. */
    public static OptionalLong current(final long pid) {
        return field(pid, "VmRSS:");
    }

    /** Peak resident set size in bytes since the process started. */
    public static OptionalLong peak(final long pid) {
        return field(pid, "VmHWM:");
    }

    private static OptionalLong field(final long pid, final String name) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    final String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (final IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
