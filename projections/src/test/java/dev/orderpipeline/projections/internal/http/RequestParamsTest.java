package dev.orderpipeline.projections.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.platform.http.Problem;
import dev.orderpipeline.platform.http.ProblemException;
import java.time.Duration;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class RequestParamsTest {

    private static Problem problem(final Runnable parse) {
        try {
            parse.run();
        } catch (final ProblemException e) {
            return e.toProblem("/test");
        }
        throw new AssertionError("expected a 400");
    }

    @Test
    void shouldRejectMalformedAndImpossibleMonthsNamingTheParameter() {
        for (final String bad : new String[] {"2026-13", "2026-1", "26-11", "2026/11", "", "2026-11-01"}) {
            final Problem problem = problem(() -> RequestParams.month("month", bad));
            assertThat(problem.status()).as("status for '%s'", bad).isEqualTo(400);
            assertThat(problem.errors()).as("field errors for '%s'", bad).singleElement()
                    .satisfies(error -> assertThat(error.pointer()).as("pointer").isEqualTo("#month"));
        }
    }

    @Test
    void shouldAcceptARangeOfExactly120MonthsAndRefuseOneMore() {
        assertThat(RequestParams.range("2017-01", "2026-12").to()).as("120 months").isEqualTo(YearMonth.of(2026, 12));
        assertThat(problem(() -> RequestParams.range("2016-12", "2026-12")).errors()).as("121 months").singleElement()
                .satisfies(error -> assertThat(error.message()).as("message").contains("120"));
    }

    @Test
    void shouldRefuseAReversedOrMissingRange() {
        assertThat(problem(() -> RequestParams.range("2026-05", "2026-04")).errors()).as("reversed range")
                .singleElement().satisfies(error -> assertThat(error.pointer()).isEqualTo("#to"));
        assertThat(problem(() -> RequestParams.range(null, "bad")).errors()).as("missing from, bad to")
                .extracting(Problem.FieldError::pointer).containsExactly("#from", "#to");
    }

    @Test
    void shouldReadWaitsInSecondsOrMillisecondsWithinTheLimit() {
        final Duration max = Duration.ofSeconds(30);
        assertThat(RequestParams.duration("timeout", "5s", max)).as("5s").isEqualTo(Duration.ofSeconds(5));
        assertThat(RequestParams.duration("timeout", "250ms", max)).as("250ms").isEqualTo(Duration.ofMillis(250));
        assertThat(RequestParams.duration("timeout", "7", max)).as("7").isEqualTo(Duration.ofSeconds(7));
        for (final String bad : new String[] {"0s", "31s", "-1s", "5m", "soon"}) {
            assertThatThrownBy(() -> RequestParams.duration("timeout", bad, max)).as("'%s'", bad)
                    .isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void shouldBoundWholeNumbers() {
        assertThat(RequestParams.integer("top", null, 10, 1, 100)).as("default").isEqualTo(10);
        assertThat(RequestParams.integer("top", "100", 10, 1, 100)).as("upper bound").isEqualTo(100);
        assertThatThrownBy(() -> RequestParams.integer("top", "0", 10, 1, 100)).as("below").isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> RequestParams.integer("top", "x", 10, 1, 100)).as("not a number").isInstanceOf(ProblemException.class);
    }
}
