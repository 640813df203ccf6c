package dev.orderpipeline.registry.support;

import java.util.UUID;
import org.apache.avro.Schema;

/**
 * Schemas for registry tests: a first version and its compatible and incompatible successors under the BACKWARD
 * rule (the new schema must read data written with the previous one).
 */
public final class TestSchemas {

    /** Version 1: an order id and an amount in minor units. */
    public static final Schema ORDER_V1 = parse("""
            {"type": "record", "name": "RegistryTestOrder", "namespace": "dev.orderpipeline.registry.test",
             "fields": [
               {"name": "orderId", "type": "string"},
               {"name": "amountMinor", "type": "long"}
             ]}""");

    /** BACKWARD-compatible successor: adds a field with a default, so old data reads with the default filled in. */
    public static final Schema ORDER_V2_WITH_DEFAULTED_FIELD = parse("""
            {"type": "record", "name": "RegistryTestOrder", "namespace": "dev.orderpipeline.registry.test",
             "fields": [
               {"name": "orderId", "type": "string"},
               {"name": "amountMinor", "type": "long"},
               {"name": "currency", "type": "string", "default": "EUR"}
             ]}""");

    /** Incompatible: a new field without default cannot be filled in when reading old data. */
    public static final Schema ORDER_WITH_REQUIRED_NEW_FIELD = parse("""
            {"type": "record", "name": "RegistryTestOrder", "namespace": "dev.orderpipeline.registry.test",
             "fields": [
               {"name": "orderId", "type": "string"},
               {"name": "amountMinor", "type": "long"},
               {"name": "customerId", "type": "string"}
             ]}""");

    /** Incompatible: a long cannot be read as a string. */
    public static final Schema ORDER_WITH_CHANGED_TYPE = parse("""
            {"type": "record", "name": "RegistryTestOrder", "namespace": "dev.orderpipeline.registry.test",
             "fields": [
               {"name": "orderId", "type": "string"},
               {"name": "amountMinor", "type": "string"}
             ]}""");

    private TestSchemas() {
    }

    /** A subject no other test uses, so tests can share one registry. */
    public static String uniqueSubject(final String purpose) {
        return "test-" + purpose + "-" + UUID.randomUUID() + "-value";
    }

    private static Schema parse(final String json) {
        return new Schema.Parser().parse(json);
    }
}
