package dev.orderpipeline.localstack;

import java.time.YearMonth;
import java.time.ZoneOffset;

/** What the local stack prints once it is ready: where everything is and a first session to paste. */
final class Banner {

    private Banner() {
    }

    static String text(final LocalStack stack, final long readyMillis) {
        final String http = stack.httpUrl();
        final String month = YearMonth.now(ZoneOffset.UTC).toString();
        return """

                Order pipeline is ready (%d ms).
                  HTTP API         %s   (orders, sales, /health/ready, /metrics)
                  Schema registry  %s
                  Kafka            %s
                Try:
                  curl -i -X POST %s/orders -H 'X-API-Key: dev-admin-key' -H 'Content-Type: application/json' \\
                       -d '{"customerId":"c-1","currency":"EUR","items":[{"sku":"SKU-1","quantity":2,"unitPriceMinor":1250}]}'
                  curl -s -H 'X-API-Key: dev-admin-key' %s/sales/monthly/%s
                The development key dev-admin-key (role admin) works in the local stack only.
                Stop with Ctrl-C.
                """.formatted(readyMillis, http, stack.registryUrl(), stack.bootstrapServers(), http, http, month);
    }
}
