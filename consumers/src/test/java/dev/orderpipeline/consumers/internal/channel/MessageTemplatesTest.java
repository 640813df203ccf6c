package dev.orderpipeline.consumers.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.consumers.SampleNotifications;
import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    private final MessageTemplates templates = MessageTemplates.fromClasspath();

    @Test
    void shouldRenderConfirmationWithOrderAndAmount() {
        // Given
        final NotificationRequested n = SampleNotifications.confirmed("e-1", "o-42", "c-1");
        // When
        final RenderedMessage message = templates.render(n);
        // Then
        assertThat(message.subject()).isEqualTo("Your order o-42 is confirmed");
        assertThat(message.text()).contains("o-42").contains("25.00 EUR").contains("e-1").doesNotContain("{{");
        assertThat(message.html()).contains("<strong>o-42</strong>").contains("25.00 EUR").doesNotContain("{{");
    }

    @Test
    void shouldEscapeValuesInHtmlButNotInPlainText() {
        // Given
        final NotificationRequested n = SampleNotifications.rejected("e-2", "o-7", "c-1", "OUT_OF_STOCK",
                "Out of stock: <SKU-1> & more");
        // When
        final RenderedMessage message = templates.render(n);
        // Then
        assertThat(message.subject()).isEqualTo("We could not accept your order o-7");
        assertThat(message.text()).contains("Reason: Out of stock: <SKU-1> & more");
        assertThat(message.html()).contains("Out of stock: &lt;SKU-1&gt; &amp; more").doesNotContain("<SKU-1>");
    }

    @Test
    void shouldHaveATemplateForEveryKind() {
        for (final NotificationKind kind : NotificationKind.values()) {
            // Given
            final NotificationRequested n = NotificationRequested.newBuilder(
                    SampleNotifications.confirmed("e-" + kind, "o-1", "c-1")).setKind(kind).build();
            // When
            final RenderedMessage message = templates.render(n);
            // Then
            assertThat(message.subject()).as("subject of %s", kind).contains("o-1");
            assertThat(message.html()).as("html of %s", kind).startsWith("<!DOCTYPE html>");
        }
    }

    @Test
    void shouldFormatMinorUnitsWithTheCurrencysDigits() {
        // When / Then
        assertThat(MessageTemplates.formatTotal(2500, "EUR")).isEqualTo("25.00 EUR");
        assertThat(MessageTemplates.formatTotal(2500, "JPY")).isEqualTo("2500 JPY");
        assertThat(MessageTemplates.formatTotal(12345, "BHD")).isEqualTo("12.345 BHD");
        assertThat(MessageTemplates.formatTotal(5, "XYZ")).as("unknown currency: two digits").isEqualTo("0.05 XYZ");
    }
}
