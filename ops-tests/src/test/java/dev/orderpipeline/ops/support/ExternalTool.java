package dev.orderpipeline.ops.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command-line validator (promtool, haproxy, docker-compose, ...) found on {@code PATH}. Tests that need one call
 * {@link #require(String, String)}, which skips the test, naming the package to install, when it is missing: CI
 * installs them (see deploy/README.md), a developer's machine may not have them.
 */
public final class ExternalTool {

    private final Path executable;

    private ExternalTool(final Path executable) {
        this.executable = executable;
    }

    /** The output and exit status of one run. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** The tool, if an executable of that name is on {@code PATH}. */
    public static Optional<ExternalTool> find(final String name) {
        final String path = System.getenv().getOrDefault("PATH", "");
        for (final String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            final Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new ExternalTool(candidate));
            }
        }
        return Optional.empty();
    }

    /** The tool, or the calling test is skipped with a message naming how to install it. */
    public static ExternalTool require(final String name, final String installHint) {
        final Optional<ExternalTool> tool = find(name);
        assumeTrue(tool.isPresent(), () -> name + " is not installed (" + installHint + "); skipping this check");
        return tool.get();
    }

    public Path executable() {
        return executable;
    }

    /** Runs the tool in {@code workingDir}, killing it after {@code timeout}; stdout and stderr together. */
    public Result run(final Path workingDir, final Map<String, String> environment, final Duration timeout,
                      final String... arguments) {
        final List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        return exec(command, workingDir, environment, timeout);
    }

    /** Runs any command, bounded in time, and returns its combined output. */
    public static Result exec(final List<String> command, final Path workingDir, final Map<String, String> environment,
                              final Duration timeout) {
        try {
            final Path output = Files.createTempFile("ops-tool-", ".log");
            try {
                final ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                final Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException(command + " did not finish within " + timeout + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }
}
