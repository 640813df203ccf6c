package dev.orderpipeline.ingest.internal.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.platform.http.Problem;
import dev.orderpipeline.platform.http.Problem.FieldError;
import dev.orderpipeline.platform.http.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRequestReaderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final OrderValidator validator = new OrderValidator(1_000_000);

    /** Reads and validates like the controller; returns the problem it would answer, or null. */
    private Problem problemOf(final String body) throws Exception {
        final FieldErrors errors = new FieldErrors();
        final OrderRequest request = OrderRequestReader.read(json.readTree(body), errors);
        if (request != null) {
            errors.values(validator.validate(request));
        }
        final ProblemException thrown = catchThrowableOfType(ProblemException.class, () -> errors.throwIfAny("order"));
        return thrown == null ? null : thrown.toProblem("/orders");
    }

    private static List<String> pointers(final Problem problem) {
        return problem.errors().stream().map(FieldError::pointer).toList();
    }

    @Test
    void shouldReadAValidOrder() throws Exception {
        // When
        final FieldErrors errors = new FieldErrors();
        final OrderRequest request = OrderRequestReader.read(json.readTree("""
                {"customerId":"c-1","currency":"EUR","clientOrderId":"po-7",
                 "items":[{"sku":"SKU-1","quantity":2,"unitPriceMinor":1250}]}"""), errors);
        // Then
        assertThat(errors.isEmpty()).isTrue();
        assertThat(request).isEqualTo(new OrderRequest("c-1", "EUR", List.of(new OrderRequest.Item("SKU-1", 2L, 1250L)), "po-7"));
    }

    @Test
    void shouldAnswer400ListingEveryUnknownFieldAndWrongType() throws Exception {
        // When
        final Problem problem = problemOf("""
                {"customerId":7,"currency":"EUR","colour":"red",
                 "items":[{"sku":"SKU-1","quantity":"2","unitPriceMinor":1.5,"gift":true}, "SKU-2"]}""");
        // Then
        assertThat(problem.status()).isEqualTo(400);
        assertThat(pointers(problem)).containsExactlyInAnyOrder("/customerId", "/colour", "/items/0/quantity",
                "/items/0/unitPriceMinor", "/items/0/gift", "/items/1");
        assertThat(problem.errors()).filteredOn(e -> e.pointer().equals("/items/0/quantity"))
                .extracting(FieldError::message).containsExactly("must be an integer, not a string");
    }

    @Test
    void shouldAnswer400ForABodyThatIsNotAnObject() throws Exception {
        final Problem problem = problemOf("[1,2]");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(pointers(problem)).containsExactly("");
    }

    @Test
    void shouldAnswer422ForWellFormedButInvalidValues() throws Exception {
        final Problem problem = problemOf("""
                {"customerId":"c-1","currency":"XXQ","items":[{"sku":"SKU-1","quantity":0,"unitPriceMinor":1}]}""");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.type()).isEqualTo("/problems/validation");
        assertThat(pointers(problem)).containsExactlyInAnyOrder("/currency", "/items/0/quantity");
    }

    @Test
    void shouldTreatNullAsMissing() throws Exception {
        final Problem problem = problemOf("{\"customerId\":null,\"currency\":\"EUR\",\"items\":null}");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(pointers(problem)).containsExactlyInAnyOrder("/customerId", "/items");
    }

    @Test
    void shouldReportAnAstronomicalQuantityAsOutOfRange() throws Exception {
        final Problem problem = problemOf("""
                {"customerId":"c-1","currency":"EUR","items":[{"sku":"SKU-1","quantity":99999999999999999999999,"unitPriceMinor":1}]}""");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(pointers(problem)).containsExactly("/items/0/quantity");
    }

    @Test
    void shouldEscapeOddFieldNamesInPointers() throws Exception {
        final Problem problem = problemOf("{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[],\"a/b~c\":1}");
        assertThat(pointers(problem)).contains("/a~1b~0c");
    }
}
