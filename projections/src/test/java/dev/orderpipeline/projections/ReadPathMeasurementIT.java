package dev.orderpipeline.projections;

import static dev.orderpipeline.projections.testing.TestOrder.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.projections.internal.query.Caller;
import dev.orderpipeline.projections.internal.query.MonthlySalesQueries;
import dev.orderpipeline.projections.internal.query.OrderWaiters;
import dev.orderpipeline.projections.internal.query.ProjectionsMeters;
import dev.orderpipeline.projections.internal.query.QueryServices;
import dev.orderpipeline.projections.testing.Http;
import dev.orderpipeline.projections.testing.ProjectionsInstance;
import dev.orderpipeline.projections.testing.TestOrder;
import dev.orderpipeline.projections.view.MonthlySalesView;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the measurement behind the decision not to cache hot keys (run with
 * {@code -Dit.test=ReadPathMeasurementIT -Dprojections.measure=true}). Sequential, single client, in one JVM:
 * what an IQv2 read of a hot month costs next to what a cache hit would cost, and next to the HTTP request around
 * it, locally and forwarded. The HTTP benchmark under load is a separate harness.
 */
@RealKafka
@EnabledIfSystemProperty(named = "projections.measure", matches = "true")
class ReadPathMeasurementIT {

    private static final Logger LOG = LoggerFactory.getLogger(ReadPathMeasurementIT.class);
    private static final int WARM_UP = 20_000;
    private static final int ROUNDS = 50_000;
    private static final int HTTP_ROUNDS = 5_000;

    @Test
    void measureReadPaths(final KafkaCluster kafka) throws Exception {
        kafka.createTopics(4, Topics.ORDER_STATUS);
        kafka.createTopics(1, Topics.ORDER_STATUS_DLQ);
        final String tag = kafka.uniqueName("measure");
        final String registryUrl = "mock://" + tag;
        final String applicationId = kafka.uniqueName("projections");
        try (Topics topics = Topics.forRegistry(registryUrl);
             KafkaProducer<String, OrderStatusChanged> producer = new KafkaProducer<>(kafka.producerConfig(),
                     new StringSerializer(), topics.orderStatus().valueSerde().serializer());
             ProjectionsInstance a = ProjectionsInstance.start(kafka, applicationId, registryUrl, Map.of());
             ProjectionsInstance b = ProjectionsInstance.start(kafka, applicationId, registryUrl, Map.of());
             Http http = new Http()) {
            for (int i = 0; i < 2_000; i++) {
                final TestOrder order = order(tag + "-" + i).customer("c-" + i % 50)
                        .createdAt("2033-%02d-10T10:00:00Z".formatted(i % 12 + 1))
                        .currency(i % 3 == 0 ? "USD" : "EUR").line("SKU-" + i % 100, 1 + i % 3, 1250);
                for (final OrderStatusChanged change : order.confirmedHistory()) {
                    producer.send(new ProducerRecord<>(Topics.ORDER_STATUS, change.getOrderId(), change));
                }
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(120)).until(() -> http.json(http.get(a.url("/sales/monthly?from=2033-01&to=2033-12")))
                    .path("total").path("orders").asLong() == 2_000);

            String localMonth = null;
            String remoteMonth = null;
            for (int m = 1; m <= 12; m++) {
                final String month = "2033-%02d".formatted(m);
                final HostInfo owner = a.service().streams().queryMetadataForKey(ProjectionsTopology.MONTHLY_SALES_STORE,
                        month, new StringSerializer()).activeHost();
                if (owner.equals(a.hostInfo()) && localMonth == null) {
                    localMonth = month;
                } else if (owner.equals(b.hostInfo()) && remoteMonth == null) {
                    remoteMonth = month;
                }
            }
            assertThat(localMonth).as("a month owned by a").isNotNull();
            assertThat(remoteMonth).as("a month owned by b").isNotNull();

            final ProjectionsConfig config = ProjectionsConfig.from(new Env(Map.of()));
            try (QueryServices queries = new QueryServices(a.service().streams(), a.hostInfo(), config.queries(),
                    new OrderWaiters(10), new ProjectionsMeters(new SimpleMeterRegistry(), () -> 0))) {
                final MonthlySalesQueries months = queries.monthlySales();
                final YearMonth hot = YearMonth.parse(localMonth);
                final Map<String, MonthlySalesView> cache = new ConcurrentHashMap<>();
                cache.put(localMonth, months.month(hot, Caller.internal()).value());
                final String hotKey = localMonth;
                report("IQv2 read of a local month (query service)", ROUNDS, () -> months.month(hot, Caller.internal()).value().orders());
                report("cache hit (ConcurrentHashMap) instead", ROUNDS, () -> cache.get(hotKey).orders());
                report("IQv2 range of 12 months (local + 1 fan-out)", 5_000,
                        () -> months.range(YearMonth.parse("2033-01"), YearMonth.parse("2033-12"), Caller.internal()).value().total().orders());
            }
            final String localUrl = a.url("/sales/monthly/" + localMonth);
            final String forwardedUrl = a.url("/sales/monthly/" + remoteMonth);
            final String healthUrl = a.url("/health/live");
            report("HTTP GET of a constant (Javalin baseline)", HTTP_ROUNDS, () -> http.get(healthUrl).statusCode());
            report("HTTP GET local month", HTTP_ROUNDS, () -> http.get(localUrl).statusCode());
            report("HTTP GET forwarded month", HTTP_ROUNDS, () -> http.get(forwardedUrl).statusCode());
            report("HTTP GET top 10 of 100 SKUs (local or forwarded)", HTTP_ROUNDS,
                    () -> http.get(a.url("/sales/monthly/2033-01/products?top=10")).statusCode());
        } finally {
            SchemaRegistryClients.dropScope(tag);
        }
    }

    private static void report(final String what, final int rounds, final LongSupplier call) {
        for (int i = 0; i < Math.min(WARM_UP, rounds); i++) {
            call.getAsLong();
        }
        final long[] nanos = new long[rounds];
        long sink = 0;
        for (int i = 0; i < rounds; i++) {
            final long start = System.nanoTime();
            sink += call.getAsLong();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        LOG.info("MEASURE {}: p50 {} us, p99 {} us, mean {} us (n={}, sink {})", what, nanos[rounds / 2] / 1000.0,
                nanos[(int) (rounds * 0.99)] / 1000.0, Arrays.stream(nanos).average().orElse(0) / 1000.0, rounds, sink % 7);
    }
}
