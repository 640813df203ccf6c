package dev.orderpipeline.projections;

import static dev.orderpipeline.projections.testing.TestOrder.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderpipeline.projections.testing.Http;
import dev.orderpipeline.projections.testing.ProjectionsInstance;
import dev.orderpipeline.projections.testing.TestOrder;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two projections instances of one application in one JVM, on the real in-process broker, with {@code order-status}
 * in 4 partitions: whichever instance is asked answers for keys owned by either, ranges merge months from both, and
 * long-polls wake on the owner.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionsClusterIT {

    private static final int YEAR = 2031;

    private final Http http = new Http();
    private final List<TestOrder> confirmed = new ArrayList<>();
    private final List<TestOrder> pagedCustomerOrders = new ArrayList<>();
    private String tag;
    private String registryScope;
    private Topics topics;
    private KafkaProducer<String, OrderStatusChanged> producer;
    private ProjectionsInstance first;
    private ProjectionsInstance second;

    @BeforeAll
    void startTwoInstances(final KafkaCluster kafka) {
        kafka.createTopics(4, Topics.ORDER_STATUS);
        kafka.createTopics(1, Topics.ORDER_STATUS_DLQ);
        tag = kafka.uniqueName("it");
        // The registry is not under test: an in-memory scope shared by both instances and the producer in this JVM.
        registryScope = tag;
        final String registryUrl = "mock://" + registryScope;
        topics = Topics.forRegistry(registryUrl);
        producer = new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(),
                topics.orderStatus().valueSerde().serializer());
        final String applicationId = kafka.uniqueName("projections");
        first = ProjectionsInstance.start(kafka, applicationId, registryUrl, Map.of());
        second = ProjectionsInstance.start(kafka, applicationId, registryUrl, Map.of());

        for (int month = 1; month <= 12; month++) {
            final int orders = month == 6 ? 0 : month % 3 + 1;
            for (int i = 0; i < orders; i++) {
                final TestOrder order = order(tag + "-" + month + "-" + i).customer(tag + "-c-" + i % 2)
                        .createdAt("%d-%02d-%02dT10:00:00Z".formatted(YEAR, month, i + 1))
                        .currency(i % 2 == 0 ? "EUR" : "USD")
                        .line("SKU-" + (month + i) % 4, i + 1, 100L * month)
                        .line("SKU-9", 1, 5);
                confirmed.add(order);
                send(order.confirmedHistory());
            }
        }
        for (int day = 1; day <= 5; day++) {
            final TestOrder order = order(tag + "-p-" + day).customer(tag + "-pager")
                    .createdAt("%d-02-%02dT08:00:00Z".formatted(YEAR, day));
            pagedCustomerOrders.add(order);
            send(List.of(order.pending()));
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(http.get(first.url("/health/ready")).statusCode()).as("first ready").isEqualTo(200);
            assertThat(http.get(second.url("/health/ready")).statusCode()).as("second ready").isEqualTo(200);
            final HttpResponse<String> range = http.get(first.url("/sales/monthly?from=%d-01&to=%d-12".formatted(YEAR, YEAR)));
            assertThat(range.statusCode()).as("range status").isEqualTo(200);
            assertThat(http.json(range).path("total").path("orders").asLong()).as("orders seen")
                    .isEqualTo(confirmed.size());
            assertThat(http.json(http.get(first.url("/customers/" + tag + "-pager/orders?limit=100"))).path("orders"))
                    .as("paged customer's orders seen").hasSize(pagedCustomerOrders.size());
        });
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
        producer.close();
        topics.close();
        http.close();
        SchemaRegistryClients.dropScope(registryScope);
    }

    private void send(final List<OrderStatusChanged> changes) {
        for (final OrderStatusChanged change : changes) {
            producer.send(new ProducerRecord<>(Topics.ORDER_STATUS, change.getOrderId(), change));
        }
        producer.flush();
    }

    private HostInfo owner(final String store, final String key) {
        return first.service().streams().queryMetadataForKey(store, key, new StringSerializer()).activeHost();
    }

    /** An order id (with the given prefix) whose order-status partition the given instance owns. */
    private String orderIdOwnedBy(final ProjectionsInstance instance, final String prefix) {
        for (int i = 0; ; i++) {
            final String candidate = tag + "-" + prefix + "-" + i;
            if (owner(ProjectionsTopology.ORDER_STATUS_STORE, candidate).equals(instance.hostInfo())) {
                return candidate;
            }
        }
    }

    @Test
    void shouldAnswerEveryOrderOnBothInstancesWhicheverOwnsIt() {
        // Given
        final Set<HostInfo> owners = new HashSet<>();
        confirmed.forEach(order -> owners.add(owner(ProjectionsTopology.ORDER_STATUS_STORE, order.id())));
        assertThat(owners).as("owners of the orders").containsExactlyInAnyOrder(first.hostInfo(), second.hostInfo());
        for (final TestOrder order : confirmed) {
            // When
            final HttpResponse<String> fromFirst = http.get(first.url("/orders/" + order.id()));
            final HttpResponse<String> fromSecond = http.get(second.url("/orders/" + order.id()));
            // Then
            assertThat(fromFirst.statusCode()).as("%s from the first instance: %s", order.id(), fromFirst.body()).isEqualTo(200);
            assertThat(fromSecond.statusCode()).as("%s from the second instance: %s", order.id(), fromSecond.body()).isEqualTo(200);
            assertThat(http.json(fromFirst)).as("%s answered alike by both", order.id()).isEqualTo(http.json(fromSecond));
            final JsonNode body = http.json(fromFirst);
            assertThat(body.path("status").asText()).as("%s status", order.id()).isEqualTo("CONFIRMED");
            assertThat(body.path("terminal").asBoolean()).as("%s terminal", order.id()).isTrue();
            assertThat(body.path("history")).as("%s history", order.id()).hasSize(4);
            assertThat(fromFirst.headers().firstValue("X-Served-By-Standby")).as("standby header while all run").isEmpty();
        }
    }

    @Test
    void shouldPassTheCallersCredentialsOnSoTheOwnerChecksAccessItself() {
        // Given
        final TestOrder order = confirmed.stream()
                .filter(o -> owner(ProjectionsTopology.ORDER_STATUS_STORE, o.id()).equals(second.hostInfo()))
                .findFirst().orElseThrow();
        // When: asked through the instance that does not own it
        final HttpResponse<String> response = http.get(first.url("/orders/" + order.id()),
                Map.of("X-API-Key", "key-of-" + tag, "X-Request-Id", "req-" + tag));
        // Then
        assertThat(response.statusCode()).as("status: %s", response.body()).isEqualTo(200);
        assertThat(first.accessChecks()).as("checks on the first instance")
                .contains(order.customerId() + " by key-of-" + tag);
        assertThat(second.accessChecks()).as("checks on the owner, with the caller's key")
                .contains(order.customerId() + " by key-of-" + tag + " (forwarded)");
    }

    @Test
    void shouldMergeMonthsOwnedByBothInstancesInARangeQuery() {
        // Given
        final Set<HostInfo> owners = new HashSet<>();
        for (int month = 1; month <= 12; month++) {
            owners.add(owner(ProjectionsTopology.MONTHLY_SALES_STORE, "%d-%02d".formatted(YEAR, month)));
        }
        assertThat(owners).as("owners of the months").containsExactlyInAnyOrder(first.hostInfo(), second.hostInfo());
        final String range = "/sales/monthly?from=%d-01&to=%d-12".formatted(YEAR, YEAR);
        // When
        final HttpResponse<String> fromFirst = http.get(first.url(range));
        final HttpResponse<String> fromSecond = http.get(second.url(range));
        // Then
        assertThat(fromFirst.statusCode()).as("status: %s", fromFirst.body()).isEqualTo(200);
        assertThat(http.json(fromFirst)).as("same range from both instances").isEqualTo(http.json(fromSecond));
        final JsonNode months = http.json(fromFirst).path("months");
        assertThat(months).as("months in the range").hasSize(12);
        for (int month = 1; month <= 12; month++) {
            final String key = "%d-%02d".formatted(YEAR, month);
            final JsonNode view = months.get(month - 1);
            assertThat(view.path("month").asText()).as("month %d", month).isEqualTo(key);
            assertThat(view.path("orders").asLong()).as("orders of %s", key).isEqualTo(expectedOrders(key));
            assertThat(view.path("revenueMinor").path("EUR").asLong()).as("EUR revenue of %s", key)
                    .isEqualTo(expectedRevenue(key, "EUR"));
        }
        final JsonNode total = http.json(fromFirst).path("total");
        assertThat(total.path("orders").asLong()).as("total orders").isEqualTo(confirmed.size());
        assertThat(total.path("revenueMinor").path("USD").asLong()).as("total USD revenue")
                .isEqualTo(confirmed.stream().filter(o -> o.confirmed().getCurrency().equals("USD"))
                        .mapToLong(o -> o.confirmed().getTotalMinor()).sum());
    }

    @Test
    void shouldAnswerAMonthAndItsTopProductsFromEitherInstance() {
        // Given
        final String month = "%d-11".formatted(YEAR);
        for (final ProjectionsInstance instance : List.of(first, second)) {
            // When
            final HttpResponse<String> sales = http.get(instance.url("/sales/monthly/" + month));
            final HttpResponse<String> top = http.get(instance.url("/sales/monthly/" + month + "/products?top=2"));
            // Then
            assertThat(sales.statusCode()).as("month status").isEqualTo(200);
            assertThat(http.json(sales).path("orders").asLong()).as("orders of %s", month).isEqualTo(expectedOrders(month));
            assertThat(top.statusCode()).as("top status: %s", top.body()).isEqualTo(200);
            final JsonNode products = http.json(top).path("products");
            assertThat(products).as("top products").hasSize(2);
            assertThat(products.get(0).path("units").asLong()).as("best product's units")
                    .isGreaterThanOrEqualTo(products.get(1).path("units").asLong());
        }
    }

    @Test
    void shouldPageACustomersOrdersNewestFirstFromEitherInstance() {
        for (final ProjectionsInstance instance : List.of(first, second)) {
            // Given
            final List<String> seen = new ArrayList<>();
            String cursor = null;
            // When
            do {
                final HttpResponse<String> page = http.get(instance.url("/customers/" + tag + "-pager/orders?limit=2"
                        + (cursor == null ? "" : "&cursor=" + cursor)));
                assertThat(page.statusCode()).as("page status: %s", page.body()).isEqualTo(200);
                http.json(page).path("orders").forEach(order -> seen.add(order.path("orderId").asText()));
                cursor = http.json(page).path("nextCursor").isNull() ? null : http.json(page).path("nextCursor").asText();
            } while (cursor != null);
            // Then
            assertThat(seen).as("orders of the customer, newest first").containsExactlyElementsOf(
                    pagedCustomerOrders.reversed().stream().map(TestOrder::id).toList());
        }
    }

    @Test
    void shouldReturnALongPollAsSoonAsTheOrderBecomesTerminalWhereverItIsOwned() throws Exception {
        for (final ProjectionsInstance owner : List.of(first, second)) {
            // Given: a pending order owned by `owner`, long-polled through the first instance
            final TestOrder order = order(orderIdOwnedBy(owner, "poll"));
            send(List.of(order.pending()));
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get(first.url("/orders/" + order.id())).statusCode() == 200);
            final long started = System.nanoTime();
            final CompletableFuture<HttpResponse<String>> poll = http.getAsync(
                    first.url("/orders/" + order.id() + "?waitFor=terminal&timeout=25s"), Duration.ofSeconds(40));
            await().atMost(Duration.ofSeconds(10)).until(() -> owner.waitingLongPolls() >= 1);
            // When
            send(List.of(order.change(1, OrderStatus.REJECTED, OrderStatus.PENDING, "OUT_OF_STOCK", "SKU-1 is short")));
            // Then
            final HttpResponse<String> response = poll.get(15, TimeUnit.SECONDS);
            final Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(response.statusCode()).as("status: %s", response.body()).isEqualTo(200);
            assertThat(http.json(response).path("status").asText()).as("status after the wait").isEqualTo("REJECTED");
            assertThat(http.json(response).path("reasonCode").asText()).as("reason").isEqualTo("OUT_OF_STOCK");
            assertThat(took).as("time to answer, far below the 25 s timeout").isLessThan(Duration.ofSeconds(15));
            assertThat(owner.waitingLongPolls()).as("waiters left on the owner").isZero();
        }
    }

    @Test
    void shouldEndALongPollAtItsTimeoutWithTheCurrentStatus() {
        // Given
        final TestOrder order = order(orderIdOwnedBy(second, "slow"));
        send(List.of(order.pending()));
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(first.url("/orders/" + order.id())).statusCode() == 200);
        final long started = System.nanoTime();
        // When
        final HttpResponse<String> response = http.get(first.url("/orders/" + order.id() + "?waitFor=terminal&timeout=1s"));
        // Then
        final Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.statusCode()).as("status: %s", response.body()).isEqualTo(200);
        assertThat(http.json(response).path("status").asText()).as("current status").isEqualTo("PENDING");
        assertThat(http.json(response).path("terminal").asBoolean()).as("terminal").isFalse();
        assertThat(took).as("time to answer").isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }

    @Test
    void shouldAnswer404ForAnUnknownOrderEvenAfterWaiting() {
        for (final ProjectionsInstance instance : List.of(first, second)) {
            final HttpResponse<String> now = http.get(instance.url("/orders/" + tag + "-nope"));
            final HttpResponse<String> waited = http.get(instance.url("/orders/" + tag + "-nope?waitFor=terminal&timeout=200ms"));
            assertThat(now.statusCode()).as("unknown order").isEqualTo(404);
            assertThat(now.headers().firstValue("Content-Type")).as("content type").hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(waited.statusCode()).as("unknown order after waiting").isEqualTo(404);
        }
    }

    @Test
    void shouldAnswer400NamingTheParameterForBadMonthsRangesAndParameters() {
        final Map<String, String> pointerByPath = new HashMap<>();
        pointerByPath.put("/sales/monthly/2031-13", "#month");
        pointerByPath.put("/sales/monthly/31-01", "#month");
        pointerByPath.put("/sales/monthly?from=2031-05&to=2031-01", "#to");
        pointerByPath.put("/sales/monthly?from=2000-01&to=2031-01", "#to");
        pointerByPath.put("/sales/monthly?to=2031-01", "#from");
        pointerByPath.put("/sales/monthly/2031-01/products?top=0", "#top");
        pointerByPath.put("/sales/monthly/2031-01/products?top=many", "#top");
        pointerByPath.put("/orders/o-1?waitFor=confirmed", "#waitFor");
        pointerByPath.put("/orders/o-1?waitFor=terminal&timeout=2h", "#timeout");
        pointerByPath.put("/orders/o-1?timeout=5s", "#timeout");
        pointerByPath.put("/customers/c-1/orders?limit=1000", "#limit");
        pointerByPath.put("/customers/c-1/orders?cursor=bogus", "#cursor");
        pointerByPath.forEach((path, pointer) -> {
            final HttpResponse<String> response = http.get(first.url(path));
            assertThat(response.statusCode()).as("status of %s: %s", path, response.body()).isEqualTo(400);
            assertThat(http.json(response).path("errors").get(0).path("pointer").asText()).as("parameter named for %s", path)
                    .isEqualTo(pointer);
        });
    }

    private long expectedOrders(final String month) {
        return confirmed.stream().filter(o -> ProjectionsTopology.month(o.confirmed(), ZoneOffset.UTC).equals(month)).count();
    }

    private long expectedRevenue(final String month, final String currency) {
        return confirmed.stream().map(TestOrder::confirmed)
                .filter(c -> ProjectionsTopology.month(c, ZoneOffset.UTC).equals(month))
                .filter(c -> c.getCurrency().equals(currency))
                .mapToLong(OrderStatusChanged::getTotalMinor).sum();
    }
}
