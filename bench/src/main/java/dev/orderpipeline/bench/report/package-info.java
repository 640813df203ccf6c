/**
 * Results of a benchmark session: one row per figure, always next to its same-run baseline and the ratio, with the
 * issue's target where there is one; rendered as a console table, Markdown, CSV, and self-contained SVG charts
 * (no scripts, no CDN) gathered in one HTML page.
 */
package dev.orderpipeline.bench.report;
