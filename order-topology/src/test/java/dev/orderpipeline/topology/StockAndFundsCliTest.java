package dev.orderpipeline.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockAndFundsCliTest {

    @Test
    void shouldParseEveryCommand() {
        // Given
        final List<List<String>> lines = List.of(
                List.of("stock", "set", "SKU-1", "500"),
                List.of("stock", "adjust", "SKU-1", "-20"),
                List.of("funds", "set", "c-1", "EUR", "100000"),
                List.of("funds", "adjust", "c-1", "EUR", "2500"),
                List.of("demo"));

        // When
        final List<StockAndFundsCli.Command> commands = lines.stream().map(StockAndFundsCli::parse).toList();

        // Then
        assertThat(commands).as("parsed commands").containsExactly(
                new StockAndFundsCli.StockChange(AdjustmentKind.SET, "SKU-1", 500),
                new StockAndFundsCli.StockChange(AdjustmentKind.ADJUST, "SKU-1", -20),
                new StockAndFundsCli.FundsChange(AdjustmentKind.SET, "c-1", "EUR", 100_000),
                new StockAndFundsCli.FundsChange(AdjustmentKind.ADJUST, "c-1", "EUR", 2_500),
                new StockAndFundsCli.SeedDemo());
    }

    @Test
    void shouldRefuseMalformedCommands() {
        // Given
        final List<String> notANumber = List.of("stock", "set", "SKU-1", "many");

        // When / Then
        assertThatThrownBy(() -> StockAndFundsCli.parse(notANumber)).as("quantity not a number")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
        assertThatThrownBy(() -> StockAndFundsCli.parse(List.of("stock", "take", "SKU-1", "1"))).as("unknown kind")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set or adjust");
    }

    @Test
    void shouldPrintUsageAndExitWithTwoOnBadUsage() {
        // Given
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        // When
        final int status = StockAndFundsCli.run(List.of("fly"), new Env(Map.of()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        // Then
        assertThat(status).as("exit status").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("error output").contains("usage:");
    }

    @Test
    void shouldDescribeTheDocumentedDemoCatalogue() {
        // Given
        final DemoCatalogue catalogue = DemoCatalogue.standard();
        final Instant at = Instant.parse("2026-11-01T00:00:00Z");

        // When
        final List<InventoryAdjustment> stock = catalogue.stock(at);
        final List<AccountAdjustment> funds = catalogue.funds(at);

        // Then
        assertThat(stock).as("stock records").hasSize(100)
                .allSatisfy(r -> assertThat(r.getQuantity()).as("units").isEqualTo(1_000_000L))
                .extracting(InventoryAdjustment::getSku).as("SKUs").contains("SKU-1", "SKU-100");
        assertThat(funds).as("funds records").hasSize(3000)
                .allSatisfy(r -> assertThat(r.getAmountMinor()).as("amount").isEqualTo(100_000_000L))
                .extracting(r -> r.getCustomerId() + "/" + r.getCurrency()).as("accounts")
                .contains("c-1/EUR", "c-1000/GBP", "c-500/USD");
    }
}
