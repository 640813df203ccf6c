package dev.orderpipeline.registry;


import dev.orderpipeline.registry.support.ApicurioRegistry;
import dev.orderpipeline.registry.support.ApicurioRegistryExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry contract against a real Apicurio Registry 3 through its Confluent-compatible API
 * ({@code /apis/ccompat/v7}), started once for the run by {@link ApicurioRegistryExtension}; see
 * {@link ApicurioRegistry} for how it is configured and why.
 *
 * <p>The whole contract passes unchanged. Apicurio answers 404/40401 for the level of a subject without versions
 * where Confluent answers the global level; the client falls back to the global level, so callers see Confluent's
 * behaviour. Differences the contract does not reach (all verified by hand against 3.3.3; none affects the serdes):
 * <ul>
 *   <li>out of the box there is no global compatibility rule ({@code GET /config} answers {@code NONE}), so
 *       incompatible schemas are accepted; hence {@code apicurio.rules.global.compatibility=BACKWARD} at start;</li>
 *   <li>ids are contentIds (Confluent semantics: one id per distinct schema) but not dense: registering existing
 *       content under another subject consumes an id, so the next new schema may skip one;</li>
 *   <li>answers are {@code application/json}, not {@code application/vnd.schemaregistry.v1+json};</li>
 *   <li>a version that is not a number ({@code /versions/abc}) is 404/40402 instead of 422/42202;</li>
 *   <li>409 messages carry Java exception class names; {@code GET /config/{subject}} without
 *       {@code defaultToGlobal} answers a level instead of 40408;</li>
 *   <li>PROTOBUF and JSON schemas are accepted (Apicurio supports them).</li>
 * </ul>
 */
@ExtendWith(ApicurioRegistryExtension.class)
class ApicurioRegistryContractIT extends SchemaRegistryContract {

    ApicurioRegistryContractIT(final ApicurioRegistry apicurio) {
        super(apicurio.ccompatUrl());
    }
}
