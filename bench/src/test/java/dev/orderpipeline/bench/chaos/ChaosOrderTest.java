package dev.orderpipeline.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.bench.process.ChildClasspath;
import dev.orderpipeline.schemas.avro.LineItem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChaosOrderTest {

    private final ChaosSettings settings = ChaosSettings.quick(Path.of("target/unused"), new ChildClasspath("x"))
            .withSeed(42);

    @Test
    void shouldDeriveTheSameOrderFromTheSameSeedAndIndex() {
        assertThat(ChaosOrder.of(settings, 17)).isEqualTo(ChaosOrder.of(settings, 17));
        assertThat(ChaosOrder.of(settings, 17)).isNotEqualTo(ChaosOrder.of(settings.withSeed(43), 17));
    }

    @Test
    void shouldMixPathsAndSpecialCasesInTheConfiguredShares() {
        final List<ChaosOrder> orders = IntStream.range(0, 5_000).mapToObj(i -> ChaosOrder.of(settings, i)).toList();

        assertThat(orders.stream().filter(ChaosOrder::http).count()).isBetween(2_300L, 2_700L);
        assertThat(orders.stream().filter(ChaosOrder::invalid).count()).isBetween(20L, 100L);
        assertThat(orders.stream().filter(ChaosOrder::duplicate).count()).isBetween(20L, 100L);
        assertThat(orders.stream().filter(ChaosOrder::cancel).count()).isBetween(100L, 200L);
        assertThat(orders).filteredOn(ChaosOrder::http).allMatch(o -> !o.invalid() && !o.duplicate()
                && o.monthsBack() == 0);
        assertThat(orders).allMatch(o -> o.items().stream().map(LineItem::getSku).distinct().count()
                == o.items().size());
    }

    @Test
    void shouldWriteTheJsonIngestExpects() {
        final ChaosOrder order = new ChaosOrder(1, true, "chaos-c-1", "EUR", List.of(new LineItem("chaos-sku-2", 3,
                150L)), 0, false, false, false, 0);

        assertThat(order.json()).isEqualTo("{\"customerId\":\"chaos-c-1\",\"currency\":\"EUR\",\"items\":["
                + "{\"sku\":\"chaos-sku-2\",\"quantity\":3,\"unitPriceMinor\":150}]}");
    }
}
