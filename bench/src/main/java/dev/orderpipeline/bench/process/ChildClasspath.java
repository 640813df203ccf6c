package dev.orderpipeline.bench.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The class path child JVMs run with: this module's classes plus its runtime dependencies, which include the
 * deployable's {@code Launcher} and every service.
 *
 * <p>Read from the file Maven writes at build time ({@code -Dbench.classpath.file}, see the module's pom) when
 * given, because under Surefire/Failsafe {@code java.class.path} may be a manifest-only jar that does not survive
 * the test run; otherwise the harness's own {@code java.class.path}, which {@code scripts/bench} builds from that
 * same file.
 */
public record ChildClasspath(String value) {

    public static final String FILE_PROPERTY = "bench.classpath.file";
    public static final String CLASSES_PROPERTY = "bench.classes.dir";

    public ChildClasspath {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty class path for child JVMs");
        }
    }

    /** The class path of this JVM's configuration, as described above. */
    public static ChildClasspath current() {
        return fromFile().orElseGet(() -> new ChildClasspath(System.getProperty("java.class.path")));
    }

    /** The class path from {@code bench.classpath.file}, if that property names a readable file. */
    public static Optional<ChildClasspath> fromFile() {
        final String file = System.getProperty(FILE_PROPERTY);
        if (file == null || !Files.isReadable(Path.of(file))) {
            return Optional.empty();
        }
        try {
            final String dependencies = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            final String classes = System.getProperty(CLASSES_PROPERTY, "");
            return Optional.of(new ChildClasspath(classes.isBlank() ? dependencies
                    : classes + File.pathSeparator + dependencies));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read the child class path from " + file, e);
        }
    }
}
