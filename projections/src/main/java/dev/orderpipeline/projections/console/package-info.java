/**
 * The web console: static HTML/CSS/JS (and the Chart.js WebJar) served from the classpath at {@code /} and
 * {@code /console/...}. The console talks to the pipeline only through its public HTTP API, with the user's own
 * credentials; this package serves files and must not touch stores, topics or any query service.
 */
package dev.orderpipeline.projections.console;
