package dev.orderpipeline.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API that serdes and tools use. Implementations:
 * a REST client for real registries (Confluent, Apicurio's {@code /apis/ccompat/v7}, this project's in-memory
 * server) and an in-memory registry for {@code mock://} URLs. Create them with {@link SchemaRegistryClients}.
 *
 * <p>Every method throws {@link SchemaRegistryException} when the registry answers with an error and
 * {@link RegistryUnavailableException} when it cannot be reached.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers the schema under the subject (or finds it if already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** Finds an already registered schema under the subject; 40401/40403 if it is not there. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The schema with this global id; 40403 if there is none. */
    Schema schemaById(int id);

    /** The latest version registered under the subject. */
    RegisteredSchema latest(String subject);

    /** One version of the subject. */
    RegisteredSchema version(String subject, int version);

    /** Versions registered under the subject, ascending. */
    List<Integer> versions(String subject);

    /** All subjects. */
    List<String> subjects();

    /** Whether the schema may be registered under the subject given its compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    /** Compatibility level of the subject, or the global one when the subject has none of its own. */
    CompatibilityLevel compatibility(String subject);

    /** Sets the compatibility level of one subject, or the global one when {@code subject} is null. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** Releases connections; the default does nothing. */
    @Override
    default void close() {
    }
}
