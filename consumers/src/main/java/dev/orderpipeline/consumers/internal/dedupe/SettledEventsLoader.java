package dev.orderpipeline.consumers.internal.dedupe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds {@link SettledEvents} of newly assigned partitions by reading the matching partitions of
 * {@code notifications-delivered} from the start to their end offset at assignment time. Every marker of a
 * record whose offset the previous owner committed is before that end, because markers are acknowledged before
 * offsets are committed. Uses its own group-less consumer, from the poll thread only.
 */
public final class SettledEventsLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SettledEventsLoader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Duration timeout;

    public SettledEventsLoader(final Map<String, Object> clientConfig, final String topic, final Duration timeout) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.timeout = timeout;
    }

    /**
     * Loads the given partitions into {@code into}, replacing what it held for them.
     *
     * @throws TimeoutException if the end is not reached within the timeout
     */
    public void load(final Collection<Integer> partitions, final SettledEvents into) {
        if (partitions.isEmpty()) {
            return;
        }
        final long started = System.nanoTime();
        final List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        partitions.forEach(into::startLoading);
        consumer.assign(tps);
        try {
            consumer.seekToBeginning(tps);
            final Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            int read = 0;
            while (!reached(end)) {
                if (System.nanoTime() - started > timeout.toNanos()) {
                    throw new TimeoutException("Dedupe state of " + tps + " not loaded within " + timeout);
                }
                for (final ConsumerRecord<byte[], byte[]> marker : consumer.poll(POLL)) {
                    if (marker.key() != null) {
                        into.add(marker.partition(), new String(marker.key(), StandardCharsets.UTF_8), marker.timestamp());
                        read++;
                    }
                }
            }
            into.expire(System.currentTimeMillis());
            LOG.info("Loaded dedupe state of {} partitions of {} ({} markers) in {} ms", partitions.size(), topic,
                    read, Duration.ofNanos(System.nanoTime() - started).toMillis());
        } finally {
            consumer.assign(Set.of());
        }
    }

    private boolean reached(final Map<TopicPartition, Long> end) {
        for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
