package dev.orderpipeline.ingest.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.ingest.internal.orders.OrderRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {

    private final LedgerCodec codec = new LedgerCodec();
    private final ScopeId scope = ScopeId.of("svc", "k-1");
    private final UUID order = UUID.randomUUID();

    @Test
    void shouldRoundTripEveryKindOfRecord() {
        final List<LedgerRecord> records = List.of(
                new LedgerRecord.Claim(scope, new Fingerprint(-5, 7), order, -42, Instant.ofEpochMilli(1_762_336_800_000L)),
                new LedgerRecord.Completed(scope, order),
                new LedgerRecord.Released(scope, order));
        for (final LedgerRecord record : records) {
            assertThat(codec.decode(codec.key(record), codec.value(record))).as("round trip of %s", record).contains(record);
        }
    }

    @Test
    void shouldSkipWhatItCannotRead() {
        assertThat(codec.decode(scope.toBytes(), "not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(codec.decode(scope.toBytes(), "{\"v\":2,\"type\":\"claim\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(codec.decode(new byte[3], codec.value(new LedgerRecord.Completed(scope, order)))).isEmpty();
        assertThat(codec.decode(null, null)).isEmpty();
    }

    @Test
    void shouldFingerprintContentNotSpelling() {
        final OrderRequest a = new OrderRequest("c-1", "EUR", List.of(new OrderRequest.Item("SKU-1", 2L, 1250L)), null);
        final OrderRequest same = new OrderRequest("c-1", "EUR", List.of(new OrderRequest.Item("SKU-1", 2L, 1250L)), null);
        final OrderRequest other = new OrderRequest("c-1", "EUR", List.of(new OrderRequest.Item("SKU-1", 3L, 1250L)), null);
        assertThat(Fingerprint.of(same)).isEqualTo(Fingerprint.of(a));
        assertThat(Fingerprint.of(other)).isNotEqualTo(Fingerprint.of(a));
        assertThat(Fingerprint.fromHex(Fingerprint.of(a).toHex())).isEqualTo(Fingerprint.of(a));
    }
}
