package dev.orderpipeline.ingest.internal.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.http.Problem;
import dev.orderpipeline.platform.http.Problem.FieldError;
import dev.orderpipeline.platform.http.ProblemException;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import org.junit.jupiter.api.Test;

class AdjustmentReaderTest {

    private final ObjectMapper json = new ObjectMapper();

    private Problem inventoryProblem(final String sku, final String body) throws Exception {
        final FieldErrors errors = new FieldErrors();
        AdjustmentReader.inventory(sku, json.readTree(body), errors);
        final ProblemException thrown = catchThrowableOfType(ProblemException.class, () -> errors.throwIfAny("stock"));
        return thrown == null ? null : thrown.toProblem("");
    }

    private Problem accountProblem(final String body) throws Exception {
        final FieldErrors errors = new FieldErrors();
        AdjustmentReader.account("c-1", json.readTree(body), errors);
        final ProblemException thrown = catchThrowableOfType(ProblemException.class, () -> errors.throwIfAny("funds"));
        return thrown == null ? null : thrown.toProblem("");
    }

    @Test
    void shouldReadSetAndAdjustOfStock() throws Exception {
        final FieldErrors errors = new FieldErrors();
        assertThat(AdjustmentReader.inventory("SKU-1", json.readTree("{\"set\":100}"), errors))
                .isEqualTo(new InventoryCommand("SKU-1", AdjustmentKind.SET, 100));
        assertThat(AdjustmentReader.inventory("SKU-1", json.readTree("{\"adjust\":-3}"), errors))
                .isEqualTo(new InventoryCommand("SKU-1", AdjustmentKind.ADJUST, -3));
        assertThat(errors.isEmpty()).isTrue();
    }

    @Test
    void shouldReadSetAndAdjustOfFunds() throws Exception {
        final FieldErrors errors = new FieldErrors();
        assertThat(AdjustmentReader.account("c-1", json.readTree("{\"currency\":\"EUR\",\"set\":5000}"), errors))
                .isEqualTo(new AccountCommand("c-1", "EUR", AdjustmentKind.SET, 5000));
        assertThat(AdjustmentReader.account("c-1", json.readTree("{\"currency\":\"USD\",\"adjust\":-1}"), errors))
                .isEqualTo(new AccountCommand("c-1", "USD", AdjustmentKind.ADJUST, -1));
    }

    @Test
    void shouldRequireExactlyOneOfSetAndAdjust() throws Exception {
        assertThat(inventoryProblem("SKU-1", "{}").status()).isEqualTo(422);
        assertThat(inventoryProblem("SKU-1", "{\"set\":1,\"adjust\":1}").errors()).extracting(FieldError::pointer).containsExactly("");
    }

    @Test
    void shouldRejectNegativeLevelsZeroDeltasAndOutOfRange() throws Exception {
        assertThat(inventoryProblem("SKU-1", "{\"set\":-1}").errors()).extracting(FieldError::pointer).containsExactly("/set");
        assertThat(inventoryProblem("SKU-1", "{\"adjust\":0}").errors()).extracting(FieldError::pointer).containsExactly("/adjust");
        assertThat(inventoryProblem("SKU-1", "{\"set\":1000000001}").status()).isEqualTo(422);
        assertThat(accountProblem("{\"currency\":\"EUR\",\"set\":-5}").status()).isEqualTo(422);
    }

    @Test
    void shouldAnswer400ForWrongTypesUnknownFieldsAndABadPathId() throws Exception {
        assertThat(inventoryProblem("SKU-1", "{\"set\":\"10\"}").status()).isEqualTo(400);
        assertThat(inventoryProblem("SKU-1", "{\"set\":10,\"note\":\"x\"}").errors()).extracting(FieldError::pointer)
                .containsExactly("/note");
        assertThat(inventoryProblem("bad sku", "{\"set\":10}").errors()).extracting(FieldError::pointer).containsExactly("#sku");
    }

    @Test
    void shouldRequireAnIsoCurrencyForFunds() throws Exception {
        assertThat(accountProblem("{\"set\":5}").errors()).extracting(FieldError::pointer).containsExactly("/currency");
        assertThat(accountProblem("{\"currency\":\"EURO\",\"set\":5}").errors()).extracting(FieldError::pointer)
                .containsExactly("/currency");
    }
}
