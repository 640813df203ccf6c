package dev.orderpipeline.bench.process;

import java.util.Arrays;
import java.util.List;

/**
 * JVM options of a child process. Benchmarks run services the way a container would (G1, a fixed heap ceiling); the
 * short chaos audit trades peak speed for start-up time on two cores (C1 only, serial GC), since it starts seven
 * JVMs at once and measures correctness, not speed.
 *
 * @param options the options, in order
 */
public record JvmOptions(List<String> options) {

    /** Options of service JVMs in benchmarks: {@code -Xmx512m -XX:+UseG1GC}. */
    public static final JvmOptions SERVICE = parse("-Xms64m -Xmx512m -XX:+UseG1GC");
    /** Options of the broker JVM: {@code -Xmx1g -XX:+UseG1GC}. */
    public static final JvmOptions BROKER = parse("-Xms128m -Xmx1g -XX:+UseG1GC");
    /** Options for quick start-up under CPU pressure: the short chaos audit. */
    public static final JvmOptions FAST_START = parse("-Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");

    public JvmOptions {
        options = List.copyOf(options);
    }

    /** Splits a space-separated option string. */
    public static JvmOptions parse(final String text) {
        return new JvmOptions(Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    }
}
