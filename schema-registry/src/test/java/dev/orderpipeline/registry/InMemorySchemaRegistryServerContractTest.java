package dev.orderpipeline.registry;

import dev.orderpipeline.registry.support.RegistryServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry contract against this module's in-memory {@link SchemaRegistryServer}, over real HTTP. */
@ExtendWith(RegistryServerExtension.class)
class InMemorySchemaRegistryServerContractTest extends SchemaRegistryContract {

    InMemorySchemaRegistryServerContractTest(final SchemaRegistryServer server) {
        super(server.url());
    }
}
