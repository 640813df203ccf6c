package dev.orderpipeline.ingest.internal.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Bytes of ledger records. The key is the 16-byte {@link ScopeId}; the value is small, versioned JSON, readable
 * with any console consumer when debugging:
 * <pre>
 * {"v":1,"type":"claim","body":"&lt;32 hex&gt;","orderId":"&lt;uuid&gt;","claimId":123,"claimedAt":1762336800000}
 * {"v":1,"type":"completed","orderId":"&lt;uuid&gt;"}
 * {"v":1,"type":"released","orderId":"&lt;uuid&gt;"}
 * </pre>
 * The ledger is private to ingest (no Avro contract, no registry round trip on the hot path).
 */
public final class LedgerCodec {

    private static final int VERSION = 1;

    private final ObjectMapper json = new ObjectMapper();

    public byte[] key(final LedgerRecord record) {
        return record.scope().toBytes();
    }

    public byte[] value(final LedgerRecord record) {
        final ObjectNode node = json.createObjectNode().put("v", VERSION);
        switch (record) {
            case LedgerRecord.Claim claim -> node.put("type", "claim").put("body", claim.body().toHex())
                    .put("orderId", claim.orderId().toString()).put("claimId", claim.claimId())
                    .put("claimedAt", claim.claimedAt().toEpochMilli());
            case LedgerRecord.Completed completed -> node.put("type", "completed")
                    .put("orderId", completed.orderId().toString());
            case LedgerRecord.Released released -> node.put("type", "released")
                    .put("orderId", released.orderId().toString());
        }
        try {
            return json.writeValueAsBytes(node);
        } catch (final IOException e) {
            throw new IllegalStateException("Cannot encode a ledger record", e);
        }
    }

    /** The record, or empty when the bytes are not a ledger record this version understands. */
    public Optional<LedgerRecord> decode(final byte[] key, final byte[] value) {
        if (key == null || value == null) {
            return Optional.empty();
        }
        try {
            final ScopeId scope = ScopeId.fromBytes(key);
            final JsonNode node = json.readTree(value);
            if (node == null || node.path("v").asInt() != VERSION) {
                return Optional.empty();
            }
            final UUID orderId = UUID.fromString(node.path("orderId").asText());
            return switch (node.path("type").asText()) {
                case "claim" -> Optional.of(new LedgerRecord.Claim(scope, Fingerprint.fromHex(node.path("body").asText()),
                        orderId, node.path("claimId").asLong(), Instant.ofEpochMilli(node.path("claimedAt").asLong())));
                case "completed" -> Optional.of(new LedgerRecord.Completed(scope, orderId));
                case "released" -> Optional.of(new LedgerRecord.Released(scope, orderId));
                default -> Optional.empty();
            };
        } catch (final IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
