package dev.orderpipeline.consoletests;

import static dev.orderpipeline.consoletests.ConsoleBrowser.ORDER;
import static dev.orderpipeline.consoletests.ConsoleBrowser.PAGE;
import static dev.orderpipeline.consoletests.StackApi.DEV_KEY;
import static dev.orderpipeline.consoletests.StackApi.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.localstack.LocalStack;
import dev.orderpipeline.localstack.LocalStackConfig;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.schemas.avro.LineItem;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real headless Chromium against the whole local stack on the in-process broker: what a user
 * sees after real orders went through the real saga and projections. One stack and one browser for the class
 * (starting them is most of the run time); each test opens the page afresh. Screenshots land in
 * {@code target/screenshots}.
 */
@RequiresChromium
class ConsoleIT {

    private static final Duration STACK_READY = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static ConsoleBrowser browser;
    private static StackApi api;
    private static String url;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @BeforeAll
    static void startStackAndBrowser() throws IOException {
        final Chromium chromium = Chromium.find().orElseThrow();
        // the browser starts while the stack does
        final CompletableFuture<ConsoleBrowser> starting = CompletableFuture.supplyAsync(
                () -> chromium.start(new Dimension(1280, 900)));
        stack = LocalStack.start(new LocalStackConfig(freePort(), freePort(), freePort(), freePort(), dataDir, 3, true),
                new Env(Map.of()));
        browser = starting.join();
        api = new StackApi(stack);
        url = stack.httpUrl();
        await().atMost(STACK_READY).until(stack::ready);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldAskForAnApiKeyWhenNoneIsSet() {
        // Given the console opened with no key stored
        browser.openWithoutKey(url);

        // Then the views that need a key show the 401 state with the server's reason, and a banner asks for a key
        browser.awaitState("#sales-state", "unauthorized");
        browser.awaitState("#customer-state", "unauthorized");
        assertThat(browser.text("#sales-state")).as("sales state").contains("needs an API key");
        assertThat(browser.displayed("#auth-banner")).as("the 'key needed' banner is shown").isTrue();
        assertThat(browser.text("#auth-banner")).as("banner text with the server's detail")
                .contains("An API key is needed").contains("X-API-Key");
        assertThat(browser.displayed("#sales-result")).as("no chart without data").isFalse();

        // And the public health panel still works without a key
        browser.waitFor(PAGE).until(d -> "true".equals(browser.attribute("#health-ready", "data-up")));

        // When an order is placed without a key
        browser.placeOrder("c-2", "EUR", "SKU-2", 1, 100);

        // Then the form shows the 401 state too, and the button in it leads to the key field
        browser.awaitState("#order-form-state", "unauthorized");
        browser.screenshot("01-no-key-401");
        browser.click("#sales-state button");
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).as("focused after 'Enter an API key'")
                .isEqualTo("api-key");
    }

    @Test
    void shouldFollowAnOrderPlacedFromTheFormUntilItIsConfirmed() throws Exception {
        // Given the console with the development key entered
        browser.openWithoutKey(url);
        browser.useKey(DEV_KEY);

        // When an order is placed from the form
        browser.placeOrder("c-5", "EUR", "SKU-7", 3, 700);
        final String orderId = browser.awaitAcceptedOrderId();

        // Then its status reaches CONFIRMED on screen, with the steps it went through
        assertThat(browser.awaitTerminalStatus(orderId)).as("final status on screen of %s", orderId).isEqualTo("CONFIRMED");
        final List<String> steps = browser.all("#tracker-history li").stream().map(li -> li.getDomAttribute("data-status")).toList();
        assertThat(steps).as("history on screen").startsWith("PENDING").endsWith("CONFIRMED");
        assertThat(browser.text("#tracker-total")).as("total on screen").isEqualTo("€21.00");
        assertThat(browser.displayed("#tracker-reason-row")).as("no reason for a confirmed order").isFalse();
        browser.screenshot("02-order-confirmed");

        // And the screen agrees with the API
        assertThat(api.awaitTerminalStatus(orderId)).as("status from the API").isEqualTo("CONFIRMED");
    }

    @Test
    void shouldShowTheReasonWhenAnOrderIsRejected() {
        // Given the console with the development key entered
        browser.openWithoutKey(url);
        browser.useKey(DEV_KEY);

        // When an order for a product without stock is placed from the form
        browser.placeOrder("c-6", "EUR", "SKU-999", 1, 500);
        final String orderId = browser.awaitAcceptedOrderId();

        // Then it ends REJECTED on screen, saying why
        assertThat(browser.awaitTerminalStatus(orderId)).as("final status on screen of %s", orderId).isEqualTo("REJECTED");
        assertThat(browser.displayed("#tracker-reason-row")).as("reason row shown").isTrue();
        assertThat(browser.attribute("#tracker-reason", "data-reason-code")).as("reason code").isEqualTo("OUT_OF_STOCK");
        assertThat(browser.text("#tracker-reason")).as("reason on screen").contains("OUT_OF_STOCK").contains("SKU-999");
        assertThat(browser.text("#tracker-announcer")).as("announced to screen readers").contains("REJECTED");
        browser.screenshot("03-order-rejected");
    }

    @Test
    void shouldFormatFieldProblemsOfARefusedOrderNextToTheirInputs() {
        // Given the console with the development key entered
        browser.openWithoutKey(url);
        browser.useKey(DEV_KEY);

        // When an order with a quantity out of range is placed
        browser.placeOrder("c-7", "EUR", "SKU-1", 0, 100);

        // Then the server's 422 field problem is shown at the quantity input
        browser.awaitState("#order-form-state", "invalid");
        final WebElement quantity = browser.driver().findElement(By.cssSelector("#order-items li [name=quantity]"));
        assertThat(quantity.getDomAttribute("aria-invalid")).as("quantity marked invalid").isEqualTo("true");
        final String errorId = quantity.getDomAttribute("aria-describedby");
        assertThat(browser.text("#" + errorId)).as("message at the quantity input").isNotBlank();
    }

    @Test
    void shouldChartMonthlySalesWithTheNumbersOfThePlacedOrders() throws Exception {
        // Given USD and GBP orders placed this month over the API (the other tests only use EUR) ...
        final YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        final YearMonth past = thisMonth.minusMonths(2);
        final List<String> ids = List.of(
                api.placeOrder("c-11", "USD", List.of(item("SKU-11", 3, 1500))),
                api.placeOrder("c-12", "USD", List.of(item("SKU-12", 1, 999), item("SKU-11", 2, 1500))),
                api.placeOrder("c-13", "GBP", List.of(item("SKU-13", 5, 200))));
        for (final String id : ids) {
            assertThat(api.awaitTerminalStatus(id)).as("status of %s", id).isEqualTo("CONFIRMED");
        }
        // ... and two orders created two months ago, produced straight to the topic
        api.produceDirectly("c-21", "EUR", past.atDay(15).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC),
                List.of(new LineItem("SKU-21", 2, 1000L)));
        api.produceDirectly("c-22", "GBP", past.atDay(16).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC),
                List.of(new LineItem("SKU-22", 1, 350L)));
        final String range = "/sales/monthly?from=" + past + "&to=" + thisMonth;
        await().atMost(ORDER).untilAsserted(() -> {
            final JsonNode sales = api.get(range);
            assertThat(sales).as("GET %s", range).isNotNull();
            assertThat(sales.at("/months/0/orders").asLong()).as("orders two months ago").isEqualTo(2);
            assertThat(sales.at("/months/2/ordersByCurrency/USD").asLong()).as("USD orders this month").isEqualTo(2);
            assertThat(sales.at("/months/2/ordersByCurrency/GBP").asLong()).as("GBP orders this month").isEqualTo(1);
        });

        // When the console shows that range in USD
        browser.openWithoutKey(url);
        browser.useKey(DEV_KEY);
        browser.type(By.id("sales-from"), past.toString());
        browser.type(By.id("sales-to"), thisMonth.toString());
        browser.click("#sales-form button[type=submit]");
        final String months = JSON.writeValueAsString(List.of(past.toString(), past.plusMonths(1).toString(), thisMonth.toString()));
        browser.waitFor(PAGE).until(d -> months.equals(browser.attribute("#sales-chart", "data-months")));
        new Select(browser.driver().findElement(By.id("sales-currency"))).selectByValue("USD");

        // Then the chart was given this month's USD figures (exact minor units) and Chart.js drew them
        browser.waitFor(PAGE).until(d -> "USD".equals(browser.attribute("#sales-chart", "data-currency")));
        assertThat(browser.attribute("#sales-chart", "data-rendered")).as("Chart.js rendered the chart").isEqualTo("true");
        assertThat(browser.attribute("#sales-chart", "data-revenue-minor")).as("USD revenue per month").isEqualTo("[0,0,8499]");
        assertThat(browser.attribute("#sales-chart", "data-orders")).as("USD orders per month").isEqualTo("[0,0,2]");
        assertThat(browser.js("""
                const chart = Chart.getChart(document.getElementById('sales-chart'));
                return chart.data.datasets.map(d => d.data.join(','));""")).as("data held by Chart.js")
                .isEqualTo(List.of("0,0,84.99", "0,0,2"));
        // and the table next to it says the same, formatted
        final String row = "#sales-table tbody tr[data-month='" + thisMonth + "']";
        assertThat(browser.attribute(row, "data-currency-orders")).as("USD orders this month in the table").isEqualTo("2");
        assertThat(browser.attribute(row, "data-revenue-minor")).as("USD revenue this month in the table").isEqualTo("8499");
        assertThat(browser.text(row)).as("row of this month").contains("$84.99");
        final String pastRow = "#sales-table tbody tr[data-month='" + past + "']";
        assertThat(browser.attribute(pastRow, "data-orders")).as("all orders two months ago").isEqualTo("2");
        assertThat(browser.attribute(pastRow, "data-units")).as("units two months ago").isEqualTo("3");
        browser.screenshot("04-sales-usd");

        // When the currency is switched to GBP
        new Select(browser.driver().findElement(By.id("sales-currency"))).selectByValue("GBP");

        // Then the chart shows GBP, including the directly produced order two months ago
        browser.waitFor(PAGE).until(d -> "GBP".equals(browser.attribute("#sales-chart", "data-currency")));
        assertThat(browser.attribute("#sales-chart", "data-revenue-minor")).as("GBP revenue per month").isEqualTo("[350,0,1000]");
        assertThat(browser.attribute("#sales-chart", "data-orders")).as("GBP orders per month").isEqualTo("[1,0,1]");
        assertThat(browser.attribute("#sales-table tfoot tr", "data-revenue-minor")).as("GBP total").isEqualTo("1350");

        // When this month's top products are asked for from its table row
        browser.click(row + " button");

        // Then SKU-11 shows with the units and orders of both USD orders
        final String product = "#products-table tbody tr[data-sku='SKU-11']";
        browser.waitFor(PAGE).until(d -> browser.attribute(product, "data-units") != null);
        assertThat(browser.attribute(product, "data-units")).as("SKU-11 units this month").isEqualTo("5");
        assertThat(browser.attribute(product, "data-orders")).as("SKU-11 orders this month").isEqualTo("2");
        assertThat(browser.text(product)).as("SKU-11 revenue").contains("$75.00");

        // And the page works on a phone-sized screen
        browser.narrowScreen();
        try {
            browser.waitFor(PAGE).until(d -> ((Number) browser.js("return document.documentElement.clientWidth")).intValue() == 390);
            // the chart follows its box on the next resize observation, so give the layout a moment to settle
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(browser.elementsWiderThanTheScreen()).as("elements making the page scroll sideways at 390 px").isEmpty());
            browser.screenshot("05-sales-narrow");
        } finally {
            browser.wideScreen();
        }
    }

    @Test
    void shouldLookUpAnOrderByIdAndListTheCustomersOrders() throws Exception {
        // Given an order placed over the API
        final String orderId = api.placeOrder("c-31", "EUR", List.of(item("SKU-31", 1, 100)));
        assertThat(api.awaitTerminalStatus(orderId)).as("status of %s", orderId).isEqualTo("CONFIRMED");
        browser.openWithoutKey(url);
        browser.useKey(DEV_KEY);

        // When it is looked up by id
        browser.type(By.id("lookup-id"), orderId);
        browser.click("#lookup-form button[type=submit]");

        // Then its status and history show
        assertThat(browser.awaitTerminalStatus(orderId)).as("status on screen").isEqualTo("CONFIRMED");
        assertThat(browser.text("#tracker-customer")).as("customer on screen").isEqualTo("c-31");

        // When the customer's orders are listed
        browser.type(By.id("customer-id"), "c-31");
        browser.click("#customer-form button[type=submit]");

        // Then the order is in the list with its status
        final String row = "#customer-table tbody tr[data-order-id='" + orderId + "']";
        browser.waitFor(PAGE).until(d -> browser.attribute(row, "data-status") != null);
        assertThat(browser.attribute(row, "data-status")).as("status in the customer's list").isEqualTo("CONFIRMED");

        // When an unknown id is looked up, Then the console says so
        browser.type(By.id("lookup-id"), "no-such-order");
        browser.click("#lookup-form button[type=submit]");
        browser.awaitState("#tracker-state", "not-found");
        assertThat(browser.text("#tracker-state")).as("not-found state").contains("no-such-order");
        browser.screenshot("06-lookup-and-customer-orders");
    }

    @Test
    void shouldShowHealthStreamsStateAndRequestFigures() throws Exception {
        // Given some traffic through ingest
        api.placeOrder("c-41", "EUR", List.of(item("SKU-41", 1, 100)));
        browser.openWithoutKey(url);

        // Then every readiness check, both Streams applications and the request figures show
        browser.waitFor(PAGE).until(d -> "true".equals(browser.attribute("#health-ready", "data-up")));
        for (final String check : List.of("order-saga", "projections", "notifications", "ingest")) {
            assertThat(browser.attribute("#health-table tr[data-check='" + check + "']", "data-up"))
                    .as("readiness check %s", check).isEqualTo("true");
        }
        browser.waitFor(PAGE).until(d -> browser.all("#streams-table tr[data-state='RUNNING']").size() >= 2);
        assertThat(browser.all("#streams-table tbody tr").stream().map(tr -> tr.getDomAttribute("data-application")))
                .as("Streams applications").anyMatch(app -> app.startsWith("order-saga"))
                .anyMatch(app -> app.startsWith("order-projections"));
        assertThat(browser.attribute("#routes-table tr[data-route='POST /orders']", "data-route"))
                .as("POST /orders in the request table").isNotNull();
        assertThat(browser.text("#fig-accepted-total")).as("orders accepted").isNotEqualTo("–");

        // When the figures are refreshed, Then rates are computed between the two scrapes
        final String first = browser.attribute("#pipeline-updated", "data-at");
        browser.click("#pipeline-refresh");
        browser.waitFor(PAGE).until(d -> !first.equals(browser.attribute("#pipeline-updated", "data-at")));
        assertThat(browser.text("#fig-requests-rate")).as("request rate").matches("[0-9.,]+");
        assertThat(browser.displayed("#dlq-state") || browser.displayed("#dlq-table")).as("dead-letter figures shown").isTrue();
        browser.screenshot("07-pipeline");
    }
}
