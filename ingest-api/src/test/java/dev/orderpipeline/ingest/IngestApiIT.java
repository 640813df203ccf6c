package dev.orderpipeline.ingest;

import static dev.orderpipeline.ingest.IngestHarness.VALID_ORDER;
import static dev.orderpipeline.ingest.IngestHarness.admin;
import static dev.orderpipeline.ingest.IngestHarness.keyOf;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.orderpipeline.ingest.internal.http.OrdersController;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** The ingest API over real HTTP, against the real in-process broker and a real registry server. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestApiIT {

    private KafkaCluster kafka;
    private SchemaRegistryServer registry;
    private IngestHarness ingest;

    @BeforeAll
    void startIngest(final KafkaCluster cluster) {
        kafka = cluster;
        IngestHarness.createTopics(kafka);
        registry = SchemaRegistryServer.start(0);
        ingest = new IngestHarness(KafkaSettings.of(kafka.bootstrapServers(), registry.url()), IngestHarness.config(kafka))
                .awaitReady();
    }

    @AfterAll
    void stop() {
        ingest.close();
        registry.close();
    }

    @Test
    void shouldAnswer202WithLocationOnlyForAnOrderStoredOnTheTopic() throws Exception {
        // Given
        final Instant before = Instant.now();
        // When
        final HttpResponse<String> response = ingest.postOrder(VALID_ORDER.replace("\"items\"", "\"clientOrderId\":\"po-7\",\"items\""));
        // Then
        assertThat(response.statusCode()).as("status, body %s", response.body()).isEqualTo(202);
        final JsonNode body = ingest.body(response);
        final String orderId = body.path("orderId").asText();
        assertThat(body.path("status").asText()).isEqualTo("PENDING");
        assertThat(response.headers().firstValue("Location")).as("Location").contains("/orders/" + orderId);
        final List<OrderPlaced> stored = IngestHarness.valuesFor(kafka, ingest.topics().orders(), orderId);
        assertThat(stored).as("records of the order").singleElement().satisfies(order -> {
            assertThat(order.getSource()).isEqualTo(OrderSource.HTTP);
            assertThat(order.getCustomerId()).isEqualTo("c-1");
            assertThat(order.getCurrency()).isEqualTo("EUR");
            assertThat(order.getClientOrderId()).isEqualTo("po-7");
            assertThat(order.getCreatedAt()).isBetween(before.minusSeconds(1), Instant.now());
            assertThat(order.getItems()).singleElement().satisfies(item -> {
                assertThat(item.getSku()).isEqualTo("SKU-1");
                assertThat(item.getQuantity()).isEqualTo(2);
                assertThat(item.getUnitPriceMinor()).isEqualTo(1250L);
            });
        });
    }

    @Test
    void shouldEchoTheCallersRequestIdAndMakeOneOtherwise() throws Exception {
        final HttpResponse<String> given = ingest.postOrder(VALID_ORDER, admin("X-Request-Id", "trace-42.a"));
        final HttpResponse<String> made = ingest.postOrder(VALID_ORDER, admin("X-Request-Id", "has spaces, commas?"));
        final HttpResponse<String> refused = ingest.postOrder(VALID_ORDER, Map.of("X-Request-Id", "trace-43"));
        assertThat(given.headers().firstValue("X-Request-Id")).contains("trace-42.a");
        assertThat(made.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).as("on errors too").contains("trace-43");
    }

    @Test
    void shouldLogWithTheRequestAndOrderIds() throws Exception {
        // Given
        final Logger logger = (Logger) LoggerFactory.getLogger(OrdersController.class);
        final ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            // When
            final HttpResponse<String> response = ingest.send("DELETE", "/orders/o-logged", null, null,
                    admin("X-Request-Id", "req-logged"));
            // Then
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(captured.list).as("log lines of the request").anySatisfy(event -> {
                assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "req-logged").containsEntry("orderId", "o-logged");
                assertThat(event.getFormattedMessage()).contains("o-logged");
            });
        } finally {
            logger.detachAppender(captured);
        }
    }

    @Test
    void shouldLetACallerBoundToACustomerOrderOnlyForThatCustomer() throws Exception {
        // When
        final HttpResponse<String> own = ingest.postOrder(VALID_ORDER, keyOf("writer-c-1"));
        final HttpResponse<String> other = ingest.postOrder(VALID_ORDER.replace("c-1", "c-2"), keyOf("writer-c-1"));
        final HttpResponse<String> importer = ingest.postOrder(VALID_ORDER.replace("c-1", "c-2"), keyOf("importer"));
        final HttpResponse<String> analyst = ingest.postOrder(VALID_ORDER, keyOf("analyst"));
        // Then
        assertThat(own.statusCode()).isEqualTo(202);
        assertThat(other.statusCode()).as("another customer's order").isEqualTo(403);
        assertThat(importer.statusCode()).as("an unbound service may order for any customer").isEqualTo(202);
        assertThat(analyst.statusCode()).as("without orders:write").isEqualTo(403);
    }

    private static String token(final Instant expiry) throws Exception {
        final SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("shop-c-1").audience(IngestHarness.JWT_AUDIENCE).expirationTime(Date.from(expiry))
                .claim("roles", List.of("orders:write")).claim("customer_id", "c-1").build());
        jwt.sign(new MACSigner(IngestHarness.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void shouldAcceptABearerTokenAndRefuseAnExpiredOne() throws Exception {
        // When
        final HttpResponse<String> valid = ingest.postOrder(VALID_ORDER,
                Map.of("Authorization", "Bearer " + token(Instant.now().plusSeconds(300))));
        final HttpResponse<String> expired = ingest.postOrder(VALID_ORDER,
                Map.of("Authorization", "Bearer " + token(Instant.now().minusSeconds(300))));
        // Then
        assertThat(valid.statusCode()).as("body %s", valid.body()).isEqualTo(202);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("error=\"invalid_token\"").contains("token expired"));
    }

    @Test
    void shouldPublishACancellationForTheSagaToDecide() throws Exception {
        // When
        final HttpResponse<String> response = ingest.send("DELETE", "/orders/o-cancel-1?reason=changed%20my%20mind",
                null, null, admin());
        // Then
        assertThat(response.statusCode()).as("body %s", response.body()).isEqualTo(202);
        assertThat(ingest.body(response).path("status").asText()).isEqualTo("CANCELLATION_REQUESTED");
        final List<OrderCancelled> stored = IngestHarness.valuesFor(kafka, ingest.topics().orderCancellations(), "o-cancel-1");
        assertThat(stored).singleElement().satisfies(cancel -> {
            assertThat(cancel.getRequestedBy()).isEqualTo("dev-admin");
            assertThat(cancel.getReason()).isEqualTo("changed my mind");
            assertThat(cancel.getRequestedByCustomerId()).as("an admin may cancel any order: not bound").isNull();
        });
    }

    @Test
    void shouldBindACancellationByACallerBoundToACustomerToThatCustomer() throws Exception {
        // When
        final HttpResponse<String> shop = ingest.send("DELETE", "/orders/o-cancel-bound", null, null, keyOf("writer-c-1"));
        final HttpResponse<String> shopToken = ingest.send("DELETE", "/orders/o-cancel-bound-token", null, null,
                Map.of("Authorization", "Bearer " + token(Instant.now().plusSeconds(300))));
        final HttpResponse<String> importer = ingest.send("DELETE", "/orders/o-cancel-unbound", null, null, keyOf("importer"));
        final HttpResponse<String> analyst = ingest.send("DELETE", "/orders/o-cancel-refused", null, null, keyOf("analyst"));
        // Then
        assertThat(shop.statusCode()).as("customer-bound key, body %s", shop.body()).isEqualTo(202);
        assertThat(shopToken.statusCode()).as("customer-bound token, body %s", shopToken.body()).isEqualTo(202);
        assertThat(importer.statusCode()).as("unbound service, body %s", importer.body()).isEqualTo(202);
        assertThat(analyst.statusCode()).as("without orders:write").isEqualTo(403);
        assertThat(IngestHarness.valuesFor(kafka, ingest.topics().orderCancellations(), "o-cancel-bound"))
                .as("cancellation by the key bound to c-1").singleElement().satisfies(cancel -> {
                    assertThat(cancel.getRequestedBy()).as("requestedBy").isEqualTo("writer-c-1");
                    assertThat(cancel.getRequestedByCustomerId()).as("requestedByCustomerId").isEqualTo("c-1");
                });
        assertThat(IngestHarness.valuesFor(kafka, ingest.topics().orderCancellations(), "o-cancel-bound-token"))
                .as("cancellation by the token bound to c-1").singleElement().satisfies(cancel -> {
                    assertThat(cancel.getRequestedBy()).as("requestedBy").isEqualTo("shop-c-1");
                    assertThat(cancel.getRequestedByCustomerId()).as("requestedByCustomerId").isEqualTo("c-1");
                });
        assertThat(IngestHarness.valuesFor(kafka, ingest.topics().orderCancellations(), "o-cancel-unbound"))
                .as("cancellation by an unbound service").singleElement()
                .satisfies(cancel -> assertThat(cancel.getRequestedByCustomerId()).as("requestedByCustomerId").isNull());
        assertThat(IngestHarness.keys(kafka, Topics.ORDER_CANCELLATIONS)).as("keys on order-cancellations")
                .doesNotContain("o-cancel-refused");
    }

    @Test
    void shouldPublishStockAndFundsAdjustmentsForTheSaga() throws Exception {
        // When
        final HttpResponse<String> set = ingest.send("PUT", "/admin/inventory/SKU-LOAD", "application/json", "{\"set\":100}", admin());
        final HttpResponse<String> adjust = ingest.send("PUT", "/admin/inventory/SKU-LOAD", "application/json", "{\"adjust\":-3}", admin());
        final HttpResponse<String> funds = ingest.send("PUT", "/admin/accounts/c-load", "application/json",
                "{\"currency\":\"EUR\",\"set\":250000}", admin());
        // Then
        assertThat(List.of(set.statusCode(), adjust.statusCode(), funds.statusCode())).containsOnly(202);
        assertThat(ingest.body(funds).path("amountMinor").asLong()).isEqualTo(250_000L);
        assertThat(IngestHarness.valuesFor(kafka, ingest.topics().inventory(), "SKU-LOAD"))
                .extracting(InventoryAdjustment::getKind, InventoryAdjustment::getQuantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AdjustmentKind.SET, 100L),
                        org.assertj.core.groups.Tuple.tuple(AdjustmentKind.ADJUST, -3L));
        assertThat(IngestHarness.valuesFor(kafka, ingest.topics().accounts(), "c-load")).singleElement()
                .extracting(AccountAdjustment::getCurrency, AccountAdjustment::getAmountMinor)
                .containsExactly("EUR", 250_000L);
    }

    // --- every validation error over HTTP ----------------------------------------------------------------------

    private void assertProblem(final HttpResponse<String> response, final int status, final String... pointers) throws Exception {
        assertThat(response.statusCode()).as("status, body %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        final JsonNode problem = ingest.body(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        if (pointers.length > 0) {
            assertThat(problem.path("errors").findValuesAsText("pointer")).as("pointers").containsExactlyInAnyOrder(pointers);
        }
    }

    @Test
    void shouldAnswer400WithThePositionOfMalformedJson() throws Exception {
        final HttpResponse<String> response = ingest.postOrder("{\"customerId\": \"c-1\",\n  ,}");
        assertProblem(response, 400);
        assertThat(ingest.body(response).path("detail").asText()).contains("line 2, column");
    }

    @Test
    void shouldAnswer400ForDuplicateKeysTrailingContentAndEmptyBodies() throws Exception {
        assertProblem(ingest.postOrder(VALID_ORDER.replace("\"currency\"", "\"customerId\":\"c-2\",\"currency\"")), 400);
        assertProblem(ingest.postOrder(VALID_ORDER + " {}"), 400);
        assertProblem(ingest.postOrder(""), 400);
    }

    @Test
    void shouldAnswer400ListingUnknownFieldsAndWrongTypes() throws Exception {
        assertProblem(ingest.postOrder(VALID_ORDER.replace("\"currency\"", "\"colour\":1,\"currency\"")
                .replace("\"quantity\":2", "\"quantity\":\"2\"")), 400, "/colour", "/items/0/quantity");
        assertProblem(ingest.postOrder("[]"), 400, "");
    }

    @Test
    void shouldAnswer422ForEveryBrokenRule() throws Exception {
        assertProblem(ingest.postOrder("{}"), 422, "/customerId", "/currency", "/items");
        assertProblem(ingest.postOrder(VALID_ORDER.replace("\"quantity\":2", "\"quantity\":0")), 422, "/items/0/quantity");
        assertProblem(ingest.postOrder(VALID_ORDER.replace("\"quantity\":2", "\"quantity\":10001")), 422, "/items/0/quantity");
        assertProblem(ingest.postOrder(VALID_ORDER.replace("1250", "-1")), 422, "/items/0/unitPriceMinor");
        assertProblem(ingest.postOrder(VALID_ORDER.replace("EUR", "EURO")), 422, "/currency");
        assertProblem(ingest.postOrder(VALID_ORDER.replace("SKU-1", "SKU 1").replace("\"c-1\"", "\"c/1\"")), 422,
                "/items/0/sku", "/customerId");
        assertProblem(ingest.postOrder(VALID_ORDER.replace("\"quantity\":2,\"unitPriceMinor\":1250",
                "\"quantity\":10000,\"unitPriceMinor\":20000")), 422, "/items");
        final String noItems = "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[]}";
        assertProblem(ingest.postOrder(noItems), 422, "/items");
        final String item = "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPriceMinor\":1}";
        final String tooMany = "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":["
                + String.join(",", java.util.Collections.nCopies(101, item)) + "]}";
        assertProblem(ingest.postOrder(tooMany), 422, "/items");
    }

    @Test
    void shouldAnswer415ForANonJsonBody() throws Exception {
        assertProblem(ingest.send("POST", "/orders", "text/plain", VALID_ORDER, admin()), 415);
        assertProblem(ingest.send("POST", "/orders", null, VALID_ORDER, admin()), 415);
    }

    @Test
    void shouldAnswer413ForABodyAboveTheLimitWithOrWithoutContentLength() throws Exception {
        // Given
        final String huge = VALID_ORDER.replace("\"c-1\"", "\"c-1\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"");
        // When
        final HttpResponse<String> declared = ingest.postOrder(huge);
        final HttpRequest chunked = HttpRequest.newBuilder(ingest.uri("/orders")).header("Content-Type", "application/json")
                .header("X-API-Key", IngestHarness.DEV_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes()))).build();
        final HttpResponse<String> streamed = java.net.http.HttpClient.newHttpClient().send(chunked,
                HttpResponse.BodyHandlers.ofString());
        // Then
        assertProblem(declared, 413);
        assertProblem(streamed, 413);
    }

    @Test
    void shouldLetAClientStillSendingAnOversizedBodyReadThe413() throws Exception {
        // Given: a body a little over the limit, which the server drains rather than resetting the connection
        final String huge = VALID_ORDER.replace("\"c-1\"", "\"c-1\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"");
        // When / Then: without draining, the client's write races the close and some of these end in a reset
        for (int i = 0; i < 100; i++) {
            assertProblem(ingest.postOrder(huge), 413);
        }
    }

    @Test
    void shouldAnswer400ForABodyShorterThanItsContentLength() throws Exception {
        // Given: a request that declares more bytes than the client sends before it stops writing
        final byte[] body = VALID_ORDER.getBytes(StandardCharsets.UTF_8);
        final String head = "POST /orders HTTP/1.1\r\nHost: " + ingest.uri("/").getAuthority()
                + "\r\nContent-Type: application/json\r\nX-API-Key: " + IngestHarness.DEV_KEY
                + "\r\nContent-Length: " + (body.length + 100) + "\r\nConnection: close\r\n\r\n";
        final String answer;
        try (Socket socket = new Socket(ingest.uri("/").getHost(), ingest.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            // When
            socket.shutdownOutput();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        // Then
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
    }

    @Test
    void shouldAnswer400ForBadParametersAndHeaders() throws Exception {
        assertProblem(ingest.postOrder(VALID_ORDER, admin("Idempotency-Key", "x".repeat(256))), 400, "#Idempotency-Key");
        assertProblem(ingest.send("DELETE", "/orders/bad%20id", null, null, admin()), 400, "#id");
        assertProblem(ingest.send("DELETE", "/orders/o-1?reason=" + "r".repeat(201), null, null, admin()), 400, "#reason");
    }

    @Test
    void shouldExposeRequestPublishAndKafkaClientMetrics() throws Exception {
        // Given
        assertThat(ingest.postOrder(VALID_ORDER).statusCode()).isEqualTo(202);
        assertThat(ingest.postOrder("{}").statusCode()).isEqualTo(422);
        // When
        final HttpResponse<String> metrics = ingest.send("GET", "/metrics", null, null, Map.of());
        // Then
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).as("Prometheus scrape")
                .containsPattern("http_server_requests_seconds_bucket\\{.*route=\"/orders\".*status=\"202\".*")
                .containsPattern("http_server_requests_seconds_count\\{.*outcome=\"CLIENT_ERROR\".*status=\"422\".*")
                .containsPattern("http_server_requests_seconds_bucket\\{.*route=\"/orders\".*le=\"\\+Inf\".*")
                .contains("http_server_requests_active")
                .containsPattern("ingest_publish_seconds_count\\{.*outcome=\"acknowledged\".*topic=\"orders\".*")
                .contains("ingest_orders_accepted_total")
                .contains("kafka_producer_record_send_total")
                .contains("ingest_idempotency_keys")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void shouldServeItsOpenApiDocumentWithoutCredentials() throws Exception {
        final HttpResponse<String> response = ingest.send("GET", "/openapi.json", null, null, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ingest.body(response).path("openapi").asText()).startsWith("3.1");
    }
}
