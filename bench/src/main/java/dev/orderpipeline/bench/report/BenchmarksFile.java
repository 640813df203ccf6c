package dev.orderpipeline.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replaces the generated section of {@code BENCHMARKS.md} — everything between
 * {@value #START} and {@value #END} — with a session's report, leaving the hand-written method and
 * reproduction notes around it untouched.
 */
public final class BenchmarksFile {

    public static final String START = "<!-- bench:latest:start -->";
    public static final String END = "<!-- bench:latest:end -->";

    private BenchmarksFile() {
    }

    /**
     * Copies a session's {@code results.md}, {@code results.csv}, {@code index.html} and charts to {@code target}
     * (replacing what was there), so that {@code BENCHMARKS.md} can link to files that are kept with the sources —
     * {@code results/} itself is not.
     *
     * @return {@code target}
     */
    public static Path publish(final Path session, final Path target) {
        try {
            Files.createDirectories(target.resolve("charts"));
            try (Stream<Path> old = Files.list(target.resolve("charts"))) {
                for (final Path svg : old.toList()) {
                    Files.delete(svg);
                }
            }
            for (final String name : List.of("results.md", "results.csv", "index.html")) {
                Files.copy(session.resolve(name), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> charts = Files.list(session.resolve("charts"))) {
                for (final Path svg : charts.toList()) {
                    Files.copy(svg, target.resolve("charts").resolve(svg.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot publish " + session + " to " + target, e);
        }
    }

    /**
     * @return false (and no change) when the file lacks the markers
     */
    public static boolean update(final Path file, final String generated) {
        try {
            final String text = Files.readString(file, StandardCharsets.UTF_8);
            final int start = text.indexOf(START);
            final int end = text.indexOf(END);
            if (start < 0 || end < start) {
                return false;
            }
            final String updated = text.substring(0, start + START.length()) + "\n" + generated.strip() + "\n"
                    + text.substring(end);
            Files.writeString(file, updated, StandardCharsets.UTF_8);
            return true;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot update " + file, e);
        }
    }
}
