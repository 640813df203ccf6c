package dev.orderpipeline.consoletests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The locally installed Chromium and chromedriver (Debian: {@code apt-get install -y chromium chromium-driver}).
 * Paths come from {@code -Dconsole.chromium} / {@code CHROMIUM_BIN} and {@code -Dconsole.chromedriver} /
 * {@code CHROMEDRIVER_BIN} when set (only those are tried then), else the usual install locations. Both are given to Selenium explicitly, so Selenium
 * Manager never tries to download anything.
 *
 * @param browser the browser executable
 * @param driver  the matching chromedriver executable
 */
record Chromium(Path browser, Path driver) {

    /** What to install when the tests are skipped; also what {@code .ci/run} runs. */
    static final String INSTALL_HINT = "apt-get install -y chromium chromium-driver";

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    /** The installed browser and driver, if both are there. */
    static Optional<Chromium> find() {
        final Optional<Path> browser = locate("console.chromium", "CHROMIUM_BIN", BROWSERS);
        final Optional<Path> driver = locate("console.chromedriver", "CHROMEDRIVER_BIN", DRIVERS);
        return browser.flatMap(b -> driver.map(d -> new Chromium(b, d)));
    }

    /** Why {@link #find()} found nothing, for the skip message. */
    static String missingReason() {
        final StringBuilder reason = new StringBuilder();
        if (locate("console.chromium", "CHROMIUM_BIN", BROWSERS).isEmpty()) {
            reason.append("Chromium not found (").append(searched("console.chromium", "CHROMIUM_BIN", BROWSERS)).append("). ");
        }
        if (locate("console.chromedriver", "CHROMEDRIVER_BIN", DRIVERS).isEmpty()) {
            reason.append("chromedriver not found (").append(searched("console.chromedriver", "CHROMEDRIVER_BIN", DRIVERS))
                    .append("). ");
        }
        return reason + "The console's browser tests are SKIPPED; to run them: " + INSTALL_HINT;
    }

    private static String searched(final String property, final String variable, final List<String> defaults) {
        return configured(property, variable).map(path -> "looked at " + path + " only, set by -D" + property + " or " + variable)
                .orElse("looked at " + String.join(", ", defaults) + "; set -D" + property + " or " + variable + " for another path");
    }

    private static Optional<String> configured(final String property, final String variable) {
        return Stream.of(System.getProperty(property), System.getenv(variable))
                .filter(candidate -> candidate != null && !candidate.isBlank())
                .findFirst();
    }

    /** The configured path if one is set (and only that one), else the first default that is installed. */
    private static Optional<Path> locate(final String property, final String variable, final List<String> defaults) {
        final Optional<String> configured = configured(property, variable);
        return (configured.isPresent() ? Stream.of(configured.get()) : defaults.stream())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts a headless browser with a fresh profile. The flags keep it off the (closed) network: without the
     * background-networking ones it waits on services it cannot reach.
     */
    ConsoleBrowser start(final Dimension window) {
        final Path profile;
        try {
            profile = Files.createTempDirectory("console-tests-chromium-");
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create a Chromium profile directory", e);
        }
        final ChromeOptions options = new ChromeOptions()
                .setBinary(browser.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                        "--window-size=" + window.getWidth() + "," + window.getHeight(),
                        // stable screenshots and number formats whatever the machine's settings
                        "--force-prefers-reduced-motion", "--lang=en-US");
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        return new ConsoleBrowser(new ChromeDriver(service, options), profile);
    }
}
