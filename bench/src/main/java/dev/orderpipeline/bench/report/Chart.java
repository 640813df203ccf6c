package dev.orderpipeline.bench.report;

import java.util.List;
import java.util.Objects;

/**
 * A line chart to draw as SVG.
 *
 * @param fileName file name without extension, e.g. {@code latency-vs-load-ingest}
 * @param title    title above the plot
 * @param xLabel   x axis label
 * @param yLabel   y axis label
 * @param logY     logarithmic y axis (latency spans decades)
 * @param series   the lines
 */
public record Chart(String fileName, String title, String xLabel, String yLabel, boolean logY, List<Series> series) {

    public Chart {
        Objects.requireNonNull(fileName, "fileName");
        series = List.copyOf(series);
    }

    /**
     * One line of a chart.
     *
     * @param name   legend text
     * @param points (x, y) pairs in drawing order
     * @param dashed draw dashed (baselines are dashed)
     */
    public record Series(String name, List<Point> points, boolean dashed) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /** One point of a series. */
    public record Point(double x, double y) {
    }
}
