package dev.orderpipeline.localstack;

import dev.orderpipeline.platform.config.Env;
import java.nio.file.Path;

/**
 * Settings of the one-JVM local stack. Every port can be overridden; 0 picks a free one (tests do that).
 *
 * @param httpPort       the one HTTP port for every route ({@code HTTP_PORT}, default 8080)
 * @param registryPort   schema registry port ({@code REGISTRY_PORT}, default 8081)
 * @param kafkaPort      Kafka client port ({@code KAFKA_PORT}, default 9092)
 * @param controllerPort KRaft controller port ({@code KAFKA_CONTROLLER_PORT}, default 9093)
 * @param dataDir        Kafka data, Streams state and registry journal ({@code DATA_DIR}, default {@code data})
 * @param partitions     partitions of each pipeline topic on first start ({@code PARTITIONS}, default 3)
 * @param seedDemoData   load the demo catalogue and accounts when the data directory is new
 *                       ({@code SEED_DEMO_DATA}, default true)
 */
public record LocalStackConfig(int httpPort, int registryPort, int kafkaPort, int controllerPort, Path dataDir,
                               int partitions, boolean seedDemoData) {

    public static LocalStackConfig from(final Env env) {
        return new LocalStackConfig(
                env.integer("HTTP_PORT", 8080),
                env.integer("REGISTRY_PORT", 8081),
                env.integer("KAFKA_PORT", 9092),
                env.integer("KAFKA_CONTROLLER_PORT", 9093),
                Path.of(env.string("DATA_DIR", "data")),
                env.integer("PARTITIONS", 3),
                env.bool("SEED_DEMO_DATA", true));
    }
}
