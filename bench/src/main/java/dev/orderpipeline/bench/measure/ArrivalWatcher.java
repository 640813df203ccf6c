package dev.orderpipeline.bench.measure;

import dev.orderpipeline.platform.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a topic the way a downstream reader sees it ({@code read_committed}: a record counts once its exactly-once
 * transaction committed) and notes every <em>arrival</em> — a record the classifier accepts — with the wall-clock time
 * it became visible. From that it keeps: the number of arrivals, the first and last arrival (throughput), arrivals
 * per second, and for keys registered with {@link #probe} the end-to-end latency from the event time the classifier
 * extracted (e.g. the order's {@code createdAt}) to visibility.
 *
 * <p>Reads every partition by assignment, without a consumer group, from the beginning or from the end.
 */
public final class ArrivalWatcher<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArrivalWatcher.class);

    /**
     * A record that counts.
     *
     * @param key             the record key
     * @param eventEpochMillis when the event the record is about happened (the start of the latency it closes)
     */
    public record Arrival(String key, long eventEpochMillis) {
    }

    /** Latency samples of the arrivals whose key starts with a prefix. */
    public static final class Probe {
        private final Histogram micros = new ConcurrentHistogram(3);

        public long count() {
            return micros.getTotalCount();
        }

        public Percentiles percentiles() {
            return Percentiles.ofMicros(micros);
        }
    }

    /**
     * Latency samples of arrivals whose start time is only known outside the record, e.g. when an HTTP request was
     * due: the harness tells the probe each key's start with {@link #expect}, before or after the record arrives.
     */
    public static final class KeyedProbe {
        private final Histogram micros = new ConcurrentHistogram(3);
        private final Map<String, Long> starts = new HashMap<>();
        private final Map<String, Long> early = new HashMap<>();

        /** The start of the latency of {@code key}, in epoch millis. */
        public synchronized void expect(final String key, final long startEpochMillis) {
            final Long arrived = early.remove(key);
            if (arrived != null) {
                record(arrived - startEpochMillis);
            } else {
                starts.put(key, startEpochMillis);
            }
        }

        synchronized void arrived(final String key, final long epochMillis) {
            final Long start = starts.remove(key);
            if (start != null) {
                record(epochMillis - start);
            } else {
                early.put(key, epochMillis);
            }
        }

        private void record(final long millis) {
            micros.recordValue(Math.max(1, millis * 1000));
        }

        public long count() {
            return micros.getTotalCount();
        }

        public Percentiles percentiles() {
            return Percentiles.ofMicros(micros);
        }
    }

    private final KafkaConsumer<String, V> consumer;
    private final Function<ConsumerRecord<String, V>, Optional<Arrival>> classifier;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private volatile KeyedProbe keyed;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final List<Long> perSecond = new ArrayList<>();
    private final Thread thread;
    private volatile long arrivals;
    private volatile long firstNanos;
    private volatile long lastNanos;
    private volatile boolean running = true;

    private ArrivalWatcher(final KafkaConsumer<String, V> consumer, final String topic, final boolean fromBeginning,
                           final Function<ConsumerRecord<String, V>, Optional<Arrival>> classifier) {
        this.consumer = consumer;
        this.classifier = classifier;
        this.thread = new Thread(() -> loop(topic, fromBeginning), "watch-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching and returns once the start positions are fixed, so that everything produced afterwards is seen.
     *
     * @param fromBeginning read what is already on the topic too
     * @param classifier    answers the arrival a record represents, or empty for records that do not count
     */
    public static <V> ArrivalWatcher<V> start(final KafkaSettings kafka, final String topic,
                                              final Deserializer<V> values, final boolean fromBeginning,
                                              final Function<ConsumerRecord<String, V>, Optional<Arrival>> classifier) {
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        final ArrivalWatcher<V> watcher = new ArrivalWatcher<>(new KafkaConsumer<>(config, new StringDeserializer(),
                values), topic, fromBeginning, classifier);
        watcher.thread.start();
        try {
            if (!watcher.positioned.await(60, TimeUnit.SECONDS)) {
                watcher.close();
                throw new IllegalStateException("Could not position a reader on " + topic);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            watcher.close();
            throw new IllegalStateException("Interrupted", e);
        }
        return watcher;
    }

    /** A watcher where every record is an arrival, timed from its record timestamp. */
    public static ArrivalWatcher<byte[]> everyRecord(final KafkaSettings kafka, final String topic,
                                                     final boolean fromBeginning) {
        return start(kafka, topic, new ByteArrayDeserializer(), fromBeginning,
                r -> Optional.of(new Arrival(r.key() == null ? "" : r.key(), r.timestamp())));
    }

    /** Starts collecting latency samples for arrivals whose key starts with {@code keyPrefix}. */
    public Probe probe(final String keyPrefix) {
        return probes.computeIfAbsent(keyPrefix, p -> new Probe());
    }

    /** Starts a keyed probe, replacing any earlier one (arrivals go to one keyed probe at a time). */
    public KeyedProbe keyedProbe() {
        final KeyedProbe probe = new KeyedProbe();
        keyed = probe;
        return probe;
    }

    /** Stops feeding the current keyed probe. */
    public void endKeyedProbe() {
        keyed = null;
    }

    public long arrivals() {
        return arrivals;
    }

    /** Arrivals per second between the first and the last one (0 with fewer than two). */
    public double rate() {
        final long span = lastNanos - firstNanos;
        return arrivals < 2 || span <= 0 ? 0 : (arrivals - 1) / (span / 1e9);
    }

    /** Seconds from the first to the last arrival. */
    public double spanSeconds() {
        return (lastNanos - firstNanos) / 1e9;
    }

    /** Arrivals in each second after the first arrival. */
    public List<Long> perSecond() {
        synchronized (perSecond) {
            return List.copyOf(perSecond);
        }
    }

    private void loop(final String topic, final boolean fromBeginning) {
        try {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (final ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
                    classifier.apply(record).ifPresent(this::arrived);
                }
            }
        } catch (final WakeupException e) {
            LOG.debug("Watcher of {} woken up to stop", topic);
        } catch (final RuntimeException e) {
            LOG.error("Watcher of {} failed", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void arrived(final Arrival arrival) {
        final long nowNanos = System.nanoTime();
        final long nowMillis = System.currentTimeMillis();
        if (arrivals == 0) {
            firstNanos = nowNanos;
        }
        lastNanos = nowNanos;
        arrivals++;
        final int second = (int) ((nowNanos - firstNanos) / 1_000_000_000L);
        synchronized (perSecond) {
            while (perSecond.size() <= second) {
                perSecond.add(0L);
            }
            perSecond.set(second, perSecond.get(second) + 1);
        }
        final KeyedProbe keyedProbe = keyed;
        if (keyedProbe != null) {
            keyedProbe.arrived(arrival.key(), nowMillis);
        }
        if (!probes.isEmpty()) {
            probes.forEach((prefix, probe) -> {
                if (arrival.key().startsWith(prefix)) {
                    probe.micros.recordValue(Math.max(1, (nowMillis - arrival.eventEpochMillis()) * 1000));
                }
            });
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
