package dev.orderpipeline.consoletests;

import static dev.orderpipeline.consoletests.ConsoleBrowser.PAGE;
import static dev.orderpipeline.consoletests.StackApi.DEV_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.platform.security.Role;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * States the real stack shows only by accident of timing, on cue: a stand-in sales route answers 503 with
 * {@code Retry-After} first (as projections do while rebalancing), then the data. Also the page's markup rules that
 * need no data: labels and keyboard use.
 */
@RequiresChromium
class ConsoleStatesIT {

    private static final int RETRY_AFTER_SECONDS = 3;

    private static final List<Long> salesCalls = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean unavailableOnce = new AtomicBoolean();
    private static StubPipeline stub;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        stub = new StubPipeline(config -> config.routes.get("/sales/monthly", ConsoleStatesIT::sales, Role.SALES_READ));
        browser = Chromium.find().orElseThrow().start(new Dimension(1280, 900));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    /** When armed, once: 503 with Retry-After, like a projections instance mid-rebalance. Else: one EUR order a month. */
    private static void sales(final Context ctx) {
        salesCalls.add(System.nanoTime());
        if (unavailableOnce.getAndSet(false)) {
            ctx.status(503).header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                    .contentType("application/problem+json")
                    .result("{\"type\":\"/problems/unavailable\",\"title\":\"Service Unavailable\",\"status\":503,"
                            + "\"detail\":\"Store monthly-sales is not queryable here yet (REBALANCING)\"}");
            return;
        }
        final YearMonth from = YearMonth.parse(ctx.queryParam("from"));
        final YearMonth to = YearMonth.parse(ctx.queryParam("to"));
        final List<Map<String, Object>> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(figures(month.toString(), 1, 2, 1250));
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("months", months);
        body.put("total", figures(null, months.size(), 2L * months.size(), 1250L * months.size()));
        ctx.json(body);
    }

    private static Map<String, Object> figures(final String month, final long orders, final long units, final long eur) {
        final Map<String, Object> figures = new LinkedHashMap<>();
        if (month != null) {
            figures.put("month", month);
        }
        figures.put("orders", orders);
        figures.put("units", units);
        figures.put("revenueMinor", Map.of("EUR", eur));
        figures.put("ordersByCurrency", Map.of("EUR", orders));
        figures.put("averageOrderValueMinor", Map.of("EUR", eur / orders));
        return figures;
    }

    @Test
    void shouldLabelEveryControlAndWorkFromTheKeyboard() {
        // Given the console, with a second order line added
        browser.openWithoutKey(stub.url());
        browser.click("#add-item");

        // Then every form control has a label, every button a name, every table a caption
        assertThat(browser.js("""
                return [...document.querySelectorAll('input, select')]
                  .filter((e) => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                  .map((e) => e.outerHTML);""")).as("controls without a label").asList().isEmpty();
        assertThat(browser.js("""
                return [...document.querySelectorAll('button')].filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim()))
                  .map((b) => b.outerHTML);""")).as("buttons without a name").asList().isEmpty();
        assertThat(browser.js("return [...document.querySelectorAll('table')].filter((t) => !t.caption).map((t) => t.id);"))
                .as("tables without a caption").asList().isEmpty();
        assertThat(browser.js("return [...document.querySelectorAll('#order-items li')].map((li) => li.getAttribute('aria-label'));"))
                .as("order lines named for screen readers").asList().containsExactly("Item 1", "Item 2");

        // When a key is typed and Enter pressed, without the mouse
        browser.driver().findElement(By.id("api-key")).sendKeys(DEV_KEY, Keys.ENTER);

        // Then the key is in use
        browser.waitFor(PAGE).until(d -> "true".equals(browser.attribute("#key-status", "data-key-set")));

        // And the skip link is the first thing the keyboard reaches, and leads to the content
        browser.driver().navigate().refresh();
        browser.waitFor(PAGE).until(d -> "true".equals(browser.attribute("#key-status", "data-key-set")));
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        final WebElement first = browser.driver().switchTo().activeElement();
        assertThat(first.getText()).as("first tab stop").isEqualTo("Skip to content");
        assertThat(first.getDomAttribute("href")).as("where the skip link leads").isEqualTo("#main");
    }

    @Test
    void shouldSayRebalancingAndRetryWhenRetryAfterSays() {
        // Given a sales API that answers 503 with Retry-After once
        browser.openWithoutKey(stub.url());
        salesCalls.clear();
        unavailableOnce.set(true);

        // When the console asks for sales with a key
        browser.useKey(DEV_KEY);

        // Then it says it is rebalancing and counts down from Retry-After ...
        browser.waitFor(PAGE).until(d -> browser.text("#sales-state").contains("Rebalancing, retrying in " + RETRY_AFTER_SECONDS + " s"));
        assertThat(browser.attribute("#sales-state", "data-state")).as("state while waiting").isEqualTo("unavailable");
        assertThat(browser.text("#sales-state")).as("the server's reason").contains("REBALANCING");
        browser.screenshot("08-rebalancing-503");

        // ... and then retries by itself and shows the data
        browser.waitFor(PAGE).until(d -> "ok".equals(browser.attribute("#sales-state", "data-state")));
        assertThat(browser.all("#sales-table tbody tr")).as("a row per month").hasSize(12);
        assertThat(salesCalls).as("calls to the sales API: the 503, then the retry").hasSize(2);
        assertThat(Duration.ofNanos(salesCalls.get(1) - salesCalls.get(0)))
                .as("the retry waited what Retry-After said").isGreaterThanOrEqualTo(Duration.ofMillis(RETRY_AFTER_SECONDS * 1000L - 200));
    }
}
