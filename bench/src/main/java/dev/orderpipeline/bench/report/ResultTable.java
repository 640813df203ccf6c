package dev.orderpipeline.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Renders result rows as a console table, a Markdown table or CSV. */
public final class ResultTable {

    private static final List<String> HEADERS = List.of("Workload", "Metric", "Ours", "Baseline", "Baseline value",
            "Ratio", "Target", "Met");
    private static final List<Function<ResultRow, String>> COLUMNS = List.of(ResultRow::workload, ResultRow::metric,
            ResultRow::oursText, ResultRow::baselineName, ResultRow::baselineText, ResultRow::ratioText,
            r -> r.target().text(), ResultRow::metText);

    private ResultTable() {
    }

    /** A fixed-width table for the terminal. */
    public static String console(final List<ResultRow> rows) {
        final int[] widths = new int[HEADERS.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = HEADERS.get(c).length();
            for (final ResultRow row : rows) {
                widths[c] = Math.max(widths[c], COLUMNS.get(c).apply(row).length());
            }
        }
        final StringBuilder out = new StringBuilder();
        line(out, HEADERS, widths);
        final List<String> rule = new ArrayList<>();
        for (final int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths);
        for (final ResultRow row : rows) {
            line(out, COLUMNS.stream().map(c -> c.apply(row)).toList(), widths);
        }
        return out.toString();
    }

    private static void line(final StringBuilder out, final List<String> cells, final int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            out.append(String.format(Locale.ROOT, "%-" + widths[c] + "s", cells.get(c)));
            out.append(c + 1 < cells.size() ? "  " : "\n");
        }
    }

    /** A GitHub-flavoured Markdown table, with notes as footnote-style list after it. */
    public static String markdown(final List<ResultRow> rows) {
        final StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
        out.append("|").append(" --- |".repeat(HEADERS.size())).append('\n');
        final List<String> notes = new ArrayList<>();
        for (final ResultRow row : rows) {
            final List<String> cells = new ArrayList<>(COLUMNS.stream().map(c -> c.apply(row).replace("|", "\\|"))
                    .toList());
            if (!row.note().isEmpty()) {
                notes.add(row.note());
                cells.set(1, cells.get(1) + " [" + notes.size() + "]");
            }
            if ("NO".equals(row.metText())) {
                cells.set(7, "**NO**");
            }
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            for (int i = 0; i < notes.size(); i++) {
                out.append(i + 1).append(". ").append(notes.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    /** RFC 4180 CSV with raw numbers (no units, no thousands separators). */
    public static String csv(final List<ResultRow> rows) {
        final StringBuilder out = new StringBuilder(
                "workload,metric,unit,ours,baseline_name,baseline,ratio,target,met,note\n");
        for (final ResultRow row : rows) {
            out.append(String.join(",", List.of(quote(row.workload()), quote(row.metric()), quote(row.unit()),
                    number(row.ours()), quote(row.baselineName()), number(row.baseline()), number(row.ratio()),
                    quote(row.target().text()), quote(row.metText()), quote(row.note())))).append('\n');
        }
        return out.toString();
    }

    private static String number(final double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(final String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
