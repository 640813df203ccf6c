package dev.orderpipeline.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a session ran on, for the report: figures only mean something next to the cores, memory and load
 * they were measured with.
 *
 * @param cpus       processors available to the JVM
 * @param cpuModel   CPU model name from {@code /proc/cpuinfo}
 * @param memoryMb   total memory from {@code /proc/meminfo}
 * @param os         operating system and kernel
 * @param jdk        Java runtime
 * @param loadBefore 1/5/15-minute load averages when the session started
 */
public record MachineInfo(int cpus, String cpuModel, long memoryMb, String os, String jdk, String loadBefore) {

    public static MachineInfo current() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name").orElse("unknown CPU"),
                procLine("/proc/meminfo", "MemTotal").map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024)
                        .orElse(-1L),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                loadAverage());
    }

    /** The 1/5/15-minute load averages, e.g. {@code 0.42 0.80 1.10}, or {@code unknown}. */
    public static String loadAverage() {
        try {
            final String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (final IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The 1-minute load average, or NaN where unknown. */
    public static double oneMinuteLoad() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (final NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A one-line description for reports. */
    public String describe() {
        return String.format(Locale.ROOT, "%d CPUs (%s), %,d MB RAM, %s, %s", cpus, cpuModel, memoryMb, os, jdk);
    }

    private static Optional<String> procLine(final String file, final String key) {
        try {
            final List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (final IOException e) {
            return Optional.empty();
        }
    }
}
