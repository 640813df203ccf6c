package dev.orderpipeline.ops.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository under test, found from the {@code repo.root} system property Maven sets. */
public final class Repo {

    private Repo() {
    }

    /** The repository root. */
    public static Path root() {
        final String configured = System.getProperty("repo.root");
        final Path root = configured != null ? Path.of(configured) : Path.of("..");
        final Path normalized = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(normalized.resolve("pom.xml")) || !Files.isDirectory(normalized.resolve("deploy"))) {
            throw new IllegalStateException("Not the repository root: " + normalized + " (set -Drepo.root)");
        }
        return normalized;
    }

    /** A path relative to the repository root. */
    public static Path path(final String relative) {
        return root().resolve(relative);
    }

    /** A file's text; fails the test with the file name when it is missing. */
    public static String read(final String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + relative, e);
        }
    }
}
