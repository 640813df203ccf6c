/**
 * Browser tests of the web console (served by projections at {@code /}): a real headless Chromium, driven by
 * Selenium through Debian's chromedriver, against the local stack on the in-process broker, plus a stub API for
 * states that need exact timing. Reads the page by ids and data attributes; never edits the pipeline's code.
 */
package dev.orderpipeline.consoletests;
