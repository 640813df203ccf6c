package dev.orderpipeline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartTest {

    private static Document parse(final String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldDrawOnePolylinePerSeriesWithALegend() throws Exception {
        // Given
        final Chart chart = new Chart("latency", "Latency <vs> load", "req/s", "ms", true, List.of(
                new Chart.Series("ours p99", List.of(new Chart.Point(100, 2.5), new Chart.Point(1000, 40)), false),
                new Chart.Series("baseline p99", List.of(new Chart.Point(100, 0.4), new Chart.Point(1000, 3)), true)));

        // When
        final Document svg = parse(SvgChart.render(chart));

        // Then
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(svg.getDocumentElement().getTextContent()).contains("Latency <vs> load", "ours p99",
                "baseline p99", "0.1", "100");
    }

    @Test
    void shouldSayNoDataForAnEmptyChart() throws Exception {
        final Document svg = parse(SvgChart.render(new Chart("empty", "Nothing", "x", "y", false, List.of())));

        assertThat(svg.getDocumentElement().getTextContent()).contains("no data");
    }
}
