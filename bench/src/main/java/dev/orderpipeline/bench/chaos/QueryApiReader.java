package dev.orderpipeline.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.bench.chaos.ApiSnapshot.SalesFigures;
import dev.orderpipeline.bench.process.Waits;
import dev.orderpipeline.bench.workload.SimpleHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Asks the projections' query API what the audit compares with the topics: each month's sales from every instance
 * (so both local and forwarded reads are checked) and each order's latest status. The views are eventually
 * consistent, so sales are polled until every instance agrees with the expectation or {@code settle} passes; the
 * last answers are what the audit judges.
 */
final class QueryApiReader {

    private static final int MAX_ORDER_CHECKS = 20_000;
    private final ObjectMapper json = new ObjectMapper();
    private final List<ChaosCluster.Instance> projections;

    QueryApiReader(final List<ChaosCluster.Instance> projections) {
        this.projections = List.copyOf(projections);
    }

    ApiSnapshot read(final Map<String, SalesFigures> expectedSales, final Set<String> orderIds,
                     final Duration settle) {
        final Map<String, Map<String, SalesFigures>> sales = new TreeMap<>();
        Waits.within(settle, Duration.ofSeconds(1), () -> {
            sales.clear();
            sales.putAll(monthlySales(expectedSales.keySet()));
            return sales.entrySet().stream().allMatch(month -> month.getValue().values().stream()
                    .allMatch(f -> f.equals(expectedSales.getOrDefault(month.getKey(), SalesFigures.none()))));
        });
        return new ApiSnapshot(sales, orderStatuses(orderIds));
    }

    private Map<String, Map<String, SalesFigures>> monthlySales(final Set<String> months) {
        final Map<String, Map<String, SalesFigures>> answers = new TreeMap<>();
        for (final String month : months) {
            final Map<String, SalesFigures> byInstance = new TreeMap<>();
            for (final ChaosCluster.Instance instance : projections) {
                final HttpResponse<String> response = SimpleHttp.get(instance.baseUrl() + "/sales/monthly/" + month);
                if (response.statusCode() == 200) {
                    byInstance.put(instance.name(), figures(response.body()));
                }
            }
            answers.put(month, byInstance);
        }
        return answers;
    }

    private SalesFigures figures(final String body) {
        try {
            final JsonNode node = json.readTree(body);
            return new SalesFigures(node.path("orders").asLong(), node.path("units").asLong(),
                    amounts(node.path("revenueMinor")), amounts(node.path("ordersByCurrency")));
        } catch (final IOException e) {
            throw new IllegalStateException("Unreadable sales answer: " + body, e);
        }
    }

    private static Map<String, Long> amounts(final JsonNode node) {
        final Map<String, Long> amounts = new HashMap<>();
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            amounts.put(field.getKey(), field.getValue().asLong());
        }
        return amounts;
    }

    /** Latest status of each order (up to {@value #MAX_ORDER_CHECKS}), asked of the instances in turn. */
    private Map<String, String> orderStatuses(final Set<String> orderIds) {
        final List<String> ids = new ArrayList<>(new TreeSet<>(orderIds));
        final int step = Math.max(1, ids.size() / MAX_ORDER_CHECKS);
        final Map<String, String> statuses = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < ids.size(); i += step) {
                final String id = ids.get(i);
                final ChaosCluster.Instance instance = projections.get(i % projections.size());
                pool.submit(() -> statuses.put(id, status(instance, id)));
            }
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Order status queries did not finish in 10 minutes");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        return statuses;
    }

    private String status(final ChaosCluster.Instance instance, final String orderId) {
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            response = SimpleHttp.get(instance.baseUrl() + "/orders/" + orderId);
            if (response.statusCode() != 503) {
                break;
            }
            Waits.pause(Duration.ofSeconds(1));
        }
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        try {
            return json.readTree(response.body()).path("status").asText();
        } catch (final IOException e) {
            return "unreadable";
        }
    }
}
