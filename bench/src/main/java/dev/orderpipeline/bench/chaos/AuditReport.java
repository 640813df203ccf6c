package dev.orderpipeline.bench.chaos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a chaos audit: one line per invariant (pass or fail, with its counts and a few failing examples),
 * the run's counts, and what the monkey did.
 *
 * @param checks every invariant checked
 * @param counts what happened, in a stable order
 * @param events kills and restarts, with their times
 */
public record AuditReport(List<Check> checks, Map<String, Long> counts, List<String> events) {

    /**
     * One invariant.
     *
     * @param name     what must hold
     * @param passed   whether it held
     * @param detail   the counts behind the verdict
     * @param examples a few offending ids or values when it failed
     */
    public record Check(String name, boolean passed, String detail, List<String> examples) {
        public Check {
            examples = List.copyOf(examples);
        }
    }

    public AuditReport {
        checks = List.copyOf(checks);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        events = List.copyOf(events);
    }

    /** Whether every invariant held. */
    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The report as text for the console and the report file. */
    public String render() {
        final StringBuilder out = new StringBuilder();
        out.append("Exactly-once audit: ").append(passed() ? "PASS" : "FAIL").append('\n');
        for (final Check check : checks) {
            out.append(String.format(Locale.ROOT, "  [%s] %s%n         %s%n", check.passed() ? "pass" : "FAIL",
                    check.name(), check.detail()));
            if (!check.passed() && !check.examples().isEmpty()) {
                out.append("         e.g. ").append(String.join("; ", check.examples())).append('\n');
            }
        }
        out.append("Counts:\n");
        counts.forEach((name, value) -> out.append(String.format(Locale.ROOT, "  %-58s %,d%n", name, value)));
        if (!events.isEmpty()) {
            out.append("Chaos:\n");
            events.forEach(e -> out.append("  ").append(e).append('\n'));
        }
        return out.toString();
    }
}
