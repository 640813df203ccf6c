package dev.orderpipeline.bench.baseline;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.streams.StreamsProperties;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.topology.OrderSagaTopology;
import dev.orderpipeline.topology.OrderTopologyConfig;
import io.javalin.Javalin;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The production saga ({@link OrderSagaTopology#build} with {@link StreamsProperties#base}, configured by
 * {@link OrderTopologyConfig#from}, exactly as {@code OrderTopologyService} does) with one difference:
 * {@code COMMIT_INTERVAL_MS} replaces the platform's 100 ms. Under exactly-once every hop through an internal topic
 * waits for a commit, so this is the knob that trades end-to-end latency for throughput; the service has no setting
 * for it yet, hence this variant.
 */
final class SagaWithCommitInterval {

    private SagaWithCommitInterval() {
    }

    static void start(final Env env) {
        final OrderTopologyConfig config = OrderTopologyConfig.from(env);
        final KafkaSettings kafka = KafkaSettings.from(env);
        final Topics topics = Topics.create(kafka.serdeConfig());
        final Properties props = StreamsProperties.base(config.applicationId(), kafka, config.stateDir(),
                topics.ordersDlq().name(), config.replicationFactor());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.numThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbys());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.parseLong(env.required("COMMIT_INTERVAL_MS")));
        final KafkaStreams streams = new KafkaStreams(OrderSagaTopology.build(new StreamsBuilder(), topics,
                config.saga()), props);
        final Javalin http = HealthEndpoint.start("bench-saga", streams, config.httpPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop();
            streams.close();
            topics.close();
        }, "saga-variant-shutdown"));
        streams.start();
    }
}
