package dev.orderpipeline.bench.process;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to launch as a child JVM. A spec is immutable, so a killed instance is restarted from the very same spec:
 * same ports, same state directory, same settings.
 *
 * @param name      unique, readable name (log file name, reports), e.g. {@code saga-1}
 * @param mainClass class whose {@code main} runs
 * @param args      program arguments
 * @param env       environment variables on top of a cleaned copy of the harness's own
 * @param jvm       JVM options
 * @param logFile   where stdout and stderr go (appended across restarts)
 * @param health    URL answering 2xx once the process is ready, if it has one
 */
public record ChildSpec(String name, String mainClass, List<String> args, Map<String, String> env, JvmOptions jvm,
                        Path logFile, Optional<URI> health) {

    public ChildSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(health, "health");
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }
}
