package dev.orderpipeline.ingest.internal.kafka;

import dev.orderpipeline.platform.config.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer configuration of the ingest service.
 *
 * <p>Safety settings are forced, whatever the environment says: {@code acks=all} and idempotence (an
 * acknowledgement means the record is on every in-sync replica, and producer retries never duplicate it).
 *
 * <p>Timeouts come from the send timeout S so that a request always gets its answer within S: at most
 * {@code max.block.ms} = S/5 blocked in {@code send()} (metadata unknown, buffer full) and at most
 * {@code delivery.timeout.ms} = S/2 until the producer itself gives up on the record. Waiting for that verdict,
 * rather than abandoning the future earlier, is what keeps a 503 from hiding an order that gets stored later.
 *
 * <p>Everything else passes through from {@link KafkaSettings} ({@code KAFKA_CLIENT_*}: SASL/SSL, compression,
 * {@code batch.size} ...); {@code linger.ms} defaults to the configured linger and batches concurrent requests.
 */
public record ProducerSettings(Duration maxBlock, Duration deliveryTimeout, Duration linger) {

    public static ProducerSettings forSendTimeout(final Duration sendTimeout, final Duration linger) {
        final long total = sendTimeout.toMillis();
        return new ProducerSettings(Duration.ofMillis(total / 5), Duration.ofMillis(total / 2), linger);
    }

    /** Worst-case time of one publish: blocked in {@code send()} plus waiting for the verdict. */
    public Duration budget() {
        return maxBlock.plus(deliveryTimeout);
    }

    /** The client configuration for {@code clientId}. */
    public Map<String, Object> producerConfig(final KafkaSettings kafka, final String clientId) {
        final Map<String, Object> config = kafka.clientConfig();
        final long lingerMs = linger.toMillis();
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        final long configuredLinger = Long.parseLong(config.get(ProducerConfig.LINGER_MS_CONFIG).toString());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, deliveryTimeout.toMillis() - configuredLinger - 1));
        return config;
    }
}
