package dev.orderpipeline.consoletests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console as the tests see it: one headless Chromium with a fresh profile, and the few actions and reads the
 * scenarios need, by element id and data attribute (what the page exposes for exactly this), never by pixels.
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBrowser.class);
    /** Page states: generous, the machine may be busy. */
    static final Duration PAGE = Duration.ofSeconds(30);
    /** An order going through the saga on the in-process broker. */
    static final Duration ORDER = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots = Path.of(System.getProperty("console.screenshots", "target/screenshots"));

    ConsoleBrowser(final ChromeDriver driver, final Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens the console at the server's root with nothing stored (no key), and waits until its script ran. */
    void openWithoutKey(final String baseUrl) {
        driver.get(baseUrl + "/");
        js("sessionStorage.clear(); localStorage.clear();");
        driver.navigate().refresh();
        waitFor(PAGE).until(d -> "false".equals(attribute("#key-status", "data-key-set")));
    }

    /** Types a key into the key field and applies it, as a user would. */
    void useKey(final String key) {
        type(By.id("api-key"), key);
        driver.findElement(By.id("use-key")).click();
        waitFor(PAGE).until(d -> "true".equals(attribute("#key-status", "data-key-set")));
    }

    /** Fills the order form's first line (and the header fields) and submits it. */
    void placeOrder(final String customerId, final String currency, final String sku, final int quantity,
                    final long unitPriceMinor) {
        type(By.id("order-customer"), customerId);
        type(By.id("order-currency"), currency);
        final WebElement item = driver.findElement(By.cssSelector("#order-items li"));
        type(item.findElement(By.name("sku")), sku);
        type(item.findElement(By.name("quantity")), Integer.toString(quantity));
        type(item.findElement(By.name("unitPriceMinor")), Long.toString(unitPriceMinor));
        driver.findElement(By.id("place-order")).click();
    }

    /** Waits until the status tracker shows a final status for the order the form just placed, and returns it. */
    String awaitTerminalStatus(final String orderId) {
        waitFor(ORDER).until(d -> orderId.equals(attribute("#tracker-body", "data-order-id"))
                && "true".equals(attribute("#tracker-body", "data-terminal")));
        return attribute("#tracker-status", "data-status");
    }

    /** The order id the form reports as accepted (202), once it does. */
    String awaitAcceptedOrderId() {
        waitFor(PAGE).until(d -> "accepted".equals(attribute("#order-form-state", "data-state"))
                || List.of("invalid", "error", "unauthorized", "forbidden").contains(attribute("#order-form-state", "data-state")));
        final String state = attribute("#order-form-state", "data-state");
        if (!"accepted".equals(state)) {
            throw new AssertionError("The order form shows state " + state + ": " + text("#order-form-state"));
        }
        return attribute("#order-form-state", "data-order-id");
    }

    /** Waits until a state element (data-state) shows one of the given states. */
    void awaitState(final String css, final String... states) {
        waitFor(PAGE).until(d -> List.of(states).contains(attribute(css, "data-state")));
    }

    WebDriverWait waitFor(final Duration timeout) {
        final WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    void type(final By by, final String value) {
        type(driver.findElement(by), value);
    }

    void type(final WebElement input, final String value) {
        input.clear();
        input.sendKeys(value);
    }

    void click(final String css) {
        final WebElement element = waitFor(PAGE).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        element.click();
    }

    String text(final String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    String attribute(final String css, final String name) {
        final List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0).getDomAttribute(name);
    }

    boolean displayed(final String css) {
        final List<WebElement> found = driver.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    List<WebElement> all(final String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(final String script, final Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Lays the page out as on a phone (390 px wide) until {@link #wideScreen()}. */
    void narrowScreen() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    void wideScreen() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /**
     * Nothing when the page fits the screen's width; else the elements reaching beyond it (wide tables scroll in
     * their own box, which is fine, as long as nothing escapes it), for the failure message.
     */
    @SuppressWarnings("unchecked")
    List<String> elementsWiderThanTheScreen() {
        return (List<String>) js("""
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) return [];
                return [...document.querySelectorAll('body *')]
                  .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
                  .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`)
                  .slice(0, 20)
                  .concat([`page ${root.scrollWidth} px wide on a ${root.clientWidth} px screen`]);""");
    }

    /** Saves a screenshot of the whole page (not only the viewport) as {@code <name>.png} under the artifacts. */
    Path screenshot(final String name) {
        try {
            Files.createDirectories(screenshots);
            final Map<String, Object> size = cast(js("""
                    return {width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight};"""));
            final Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
            final Path file = screenshots.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            LOG.info("Screenshot {}", file.toAbsolutePath());
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot save screenshot " + name, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(final Object value) {
        return (Map<String, Object>) value;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (final IOException e) {
                LOG.warn("Could not delete the Chromium profile {}", profile, e);
            }
        }
    }
}
