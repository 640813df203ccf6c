package dev.orderpipeline.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Chart} as a self-contained SVG document: axes with rounded ticks (decades on a log axis), grid,
 * one polyline with markers per series, and a legend. No fonts or scripts are loaded from anywhere.
 */
public final class SvgChart {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 440;
    private static final int LEFT = 80;
    private static final int RIGHT = 220;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

    private SvgChart() {
    }

    public static String render(final Chart chart) {
        final List<Chart.Point> all = chart.series().stream().flatMap(s -> s.points().stream())
                .filter(p -> Double.isFinite(p.x()) && Double.isFinite(p.y()) && (!chart.logY() || p.y() > 0))
                .toList();
        final StringBuilder svg = new StringBuilder(8_192);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(WIDTH / 2.0 - RIGHT / 2.0, 22, chart.title(), "middle", 15, "bold"));
        if (all.isEmpty()) {
            svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no data", "middle", 14, "normal")).append("</svg>\n");
            return svg.toString();
        }
        final Axis x = Axis.linear(all.stream().mapToDouble(Chart.Point::x).min().orElse(0),
                all.stream().mapToDouble(Chart.Point::x).max().orElse(1), LEFT, WIDTH - RIGHT);
        final double yMin = all.stream().mapToDouble(Chart.Point::y).min().orElse(0);
        final double yMax = all.stream().mapToDouble(Chart.Point::y).max().orElse(1);
        final Axis y = chart.logY() ? Axis.log(yMin, yMax, HEIGHT - BOTTOM, TOP)
                : Axis.linear(Math.min(0, yMin), yMax, HEIGHT - BOTTOM, TOP);
        grid(svg, x, y);
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 15, chart.xLabel(), "middle", 12, "normal"));
        svg.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 18 %.1f)\">%s</text>%n", (TOP + HEIGHT - BOTTOM) / 2.0,
                (TOP + HEIGHT - BOTTOM) / 2.0, escape(chart.yLabel())));
        for (int i = 0; i < chart.series().size(); i++) {
            series(svg, chart.series().get(i), COLORS[i % COLORS.length], x, y, chart.logY(), i);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void grid(final StringBuilder svg, final Axis x, final Axis y) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        for (final double tick : x.ticks()) {
            final double px = x.pixel(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    px, TOP, px, HEIGHT - BOTTOM));
            svg.append(text(px, HEIGHT - BOTTOM + 16, label(tick), "middle", 11, "normal"));
        }
        for (final double tick : y.ticks()) {
            final double py = y.pixel(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, py, WIDTH - RIGHT, py));
            svg.append(text(LEFT - 6, py + 4, label(tick), "end", 11, "normal"));
        }
    }

    private static void series(final StringBuilder svg, final Chart.Series series, final String color,
                               final Axis x, final Axis y, final boolean logY, final int index) {
        final List<String> coordinates = new ArrayList<>();
        for (final Chart.Point p : series.points()) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y()) && (!logY || p.y() > 0)) {
                coordinates.add(String.format(Locale.ROOT, "%.1f,%.1f", x.pixel(p.x()), y.pixel(p.y())));
            }
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
                + "points=\"%s\"/>%n", color, series.dashed() ? " stroke-dasharray=\"6 4\"" : "",
                String.join(" ", coordinates)));
        if (coordinates.size() <= 60) {
            for (final String c : coordinates) {
                final String[] xy = c.split(",");
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n", xy[0],
                        xy[1], color));
            }
        }
        final double ly = TOP + 10 + index * 20;
        final double lx = WIDTH - RIGHT + 14;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"2\"%s/>%n", lx, ly, lx + 24, ly, color,
                series.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
        svg.append(text(lx + 30, ly + 4, series.name(), "start", 11, "normal"));
    }

    private static String text(final double x, final double y, final String content, final String anchor,
                               final int size, final String weight) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" "
                + "font-weight=\"%s\">%s</text>%n", x, y, anchor, size, weight, escape(content));
    }

    private static String label(final double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return Math.abs(value) >= 1 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2g", value);
    }

    static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Maps data values to pixels and picks ticks. */
    private record Axis(double min, double max, double from, double to, boolean log) {

        static Axis linear(final double min, final double max, final double from, final double to) {
            final double span = max > min ? max - min : Math.max(1, Math.abs(max));
            final double step = niceStep(span / 5);
            final double lo = Math.floor(min / step) * step;
            final double hi = Math.max(lo + step, Math.ceil(max / step) * step);
            return new Axis(lo, hi, from, to, false);
        }

        static Axis log(final double min, final double max, final double from, final double to) {
            final double lo = Math.pow(10, Math.floor(Math.log10(min)));
            final double hi = Math.pow(10, Math.max(Math.ceil(Math.log10(max)), Math.log10(lo) + 1));
            return new Axis(lo, hi, from, to, true);
        }

        double pixel(final double value) {
            final double f = log ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (value - min) / (max - min);
            return from + f * (to - from);
        }

        List<Double> ticks() {
            final List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double v = min; v <= max * 1.0001; v *= 10) {
                    ticks.add(v);
                }
                return ticks;
            }
            final double step = niceStep((max - min) / 5);
            for (double v = min; v <= max + step / 1000; v += step) {
                ticks.add(Math.abs(v) < step / 1e6 ? 0 : v);
            }
            return ticks;
        }

        private static double niceStep(final double raw) {
            final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            final double residual = raw / magnitude;
            final double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
            return nice * magnitude;
        }
    }
}
