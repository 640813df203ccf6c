package dev.orderpipeline.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a session into its results directory: {@code results.md} (the table, machine, settings, notes, charts),
 * {@code results.csv}, {@code charts/*.svg} and {@code index.html}, which inlines the charts and the table so that
 * one file can be opened (or mailed) on its own.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Writes every file; returns the Markdown written to {@code results.md}. */
    public static String write(final Path dir, final SessionReport report) {
        try {
            Files.createDirectories(dir.resolve("charts"));
            for (final Chart chart : report.charts()) {
                Files.writeString(dir.resolve("charts").resolve(chart.fileName() + ".svg"), SvgChart.render(chart),
                        StandardCharsets.UTF_8);
            }
            final String markdown = markdown(report);
            Files.writeString(dir.resolve("results.md"), markdown, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("results.csv"), ResultTable.csv(report.rows()), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("index.html"), html(report), StandardCharsets.UTF_8);
            return markdown;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write results to " + dir, e);
        }
    }

    /** The Markdown report: header facts, the table, notes, then links to the charts. */
    public static String markdown(final SessionReport report) {
        final StringBuilder md = new StringBuilder();
        md.append("# ").append(report.title()).append("\n\n");
        md.append("- Started: ").append(report.startedAt()).append('\n');
        md.append("- Machine: ").append(report.machine().describe()).append('\n');
        md.append("- Load average (1/5/15 min): ").append(report.machine().loadBefore()).append(" at start, ")
                .append(report.loadAfter()).append(" at end\n");
        md.append("- Settings: ").append(report.settings()).append("\n\n");
        md.append(ResultTable.markdown(report.rows())).append('\n');
        if (!report.notes().isEmpty()) {
            md.append("Notes:\n\n");
            report.notes().forEach(note -> md.append("- ").append(note).append('\n'));
            md.append('\n');
        }
        if (!report.charts().isEmpty()) {
            md.append("Charts:\n\n");
            for (final Chart chart : report.charts()) {
                md.append("![").append(chart.title()).append("](charts/").append(chart.fileName()).append(".svg)\n");
            }
        }
        return md.toString();
    }

    private static String html(final SessionReport report) {
        final StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(SvgChart.escape(report.title())).append("</title>\n<style>body{font-family:sans-serif;"
                        + "margin:2em;max-width:1200px}table{border-collapse:collapse;font-size:13px}"
                        + "td,th{border:1px solid #ccc;padding:3px 7px;text-align:left}th{background:#f3f3f3}"
                        + "td.no{color:#b00;font-weight:bold}</style></head><body>\n");
        html.append("<h1>").append(SvgChart.escape(report.title())).append("</h1>\n<p>")
                .append(SvgChart.escape(report.machine().describe())).append("<br>Load average ")
                .append(report.machine().loadBefore()).append(" at start, ").append(report.loadAfter())
                .append(" at end<br>").append(SvgChart.escape(report.settings())).append("</p>\n<table><tr>");
        for (final String header : List.of("Workload", "Metric", "Ours", "Baseline", "Baseline value", "Ratio",
                "Target", "Met", "Note")) {
            html.append("<th>").append(header).append("</th>");
        }
        html.append("</tr>\n");
        for (final ResultRow row : report.rows()) {
            html.append("<tr>");
            for (final String cell : List.of(row.workload(), row.metric(), row.oursText(), row.baselineName(),
                    row.baselineText(), row.ratioText(), row.target().text())) {
                html.append("<td>").append(SvgChart.escape(cell)).append("</td>");
            }
            html.append("NO".equals(row.metText()) ? "<td class=\"no\">" : "<td>").append(row.metText())
                    .append("</td><td>").append(SvgChart.escape(row.note())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (!report.notes().isEmpty()) {
            html.append("<ul>");
            report.notes().forEach(n -> html.append("<li>").append(SvgChart.escape(n)).append("</li>"));
            html.append("</ul>\n");
        }
        for (final Chart chart : report.charts()) {
            html.append("<div>").append(SvgChart.render(chart)).append("</div>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
