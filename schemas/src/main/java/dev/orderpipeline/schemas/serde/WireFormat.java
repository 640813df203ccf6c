package dev.orderpipeline.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent Schema Registry wire format: one magic byte {@code 0x00}, the schema id as a 4-byte big-endian
 * integer, then the Avro binary encoding of the record. Any Confluent-compatible client reads and writes exactly
 * these bytes.
 */
public final class WireFormat {

    /** The only magic byte defined so far. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Bytes before the Avro payload: magic byte + schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /**
     * Reads the schema id from a framed record.
     *
     * @throws InvalidWireFormatException if the bytes are too short or do not start with the magic byte
     */
    public static int schemaId(final byte[] framed) {
        if (framed.length < HEADER_SIZE) {
            throw new InvalidWireFormatException("Record of " + framed.length
                    + " bytes is too short for the Confluent wire format (needs at least " + HEADER_SIZE + ")");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new InvalidWireFormatException(String.format(
                    "Unknown magic byte 0x%02x; expected 0x00 (Confluent Schema Registry wire format)", framed[0] & 0xff));
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    /** Writes the 5-byte header for a schema id into the start of {@code target}. */
    static void writeHeader(final byte[] target, final int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
