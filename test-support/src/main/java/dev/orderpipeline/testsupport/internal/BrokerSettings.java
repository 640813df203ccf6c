package dev.orderpipeline.testsupport.internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Broker configuration shared by both backends, so a test behaves the same in-process and in Docker.
 *
 * <p>Every entry exists because the default is wrong for a single test broker:
 * <ul>
 *   <li>{@code unstable.*.enable=false}: the KRaft test kit turns unreleased APIs and feature levels on by
 *       default; tests must see what a released broker offers, or clients negotiate versions production never has.</li>
 *   <li>Internal topics with one replica and {@code min.isr=1}: the defaults (3 replicas, min ISR 2) make consumer
 *       groups and transactions fail on a one-broker cluster.</li>
 *   <li>One partition for internal topics: created on first group join / first transaction, so fewer partitions
 *       means faster first use and less memory; all groups share one coordinator, which tests do not notice.</li>
 *   <li>{@code group.initial.rebalance.delay.ms=0}: the 3 s default would delay every first consumer poll.</li>
 *   <li>{@code auto.create.topics.enable=false}: topics come from {@code createTopics}, so a misspelt topic fails
 *       the test instead of being created with defaults.</li>
 *   <li>{@code broker.session.timeout.ms=3000} (default 9 s) with a 500 ms heartbeat: a restarted broker is a new
 *       incarnation, and the controller rejects its registration as a duplicate until the old session expires,
 *       so the session timeout is the floor on every {@code startBroker()}. Six missed heartbeats still leave
 *       room for a loaded CI machine before the broker is fenced by mistake.</li>
 * </ul>
 */
public final class BrokerSettings {

    private static final Map<String, String> OVERRIDES = Map.ofEntries(
            Map.entry("unstable.api.versions.enable", "false"),
            Map.entry("unstable.feature.versions.enable", "false"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("broker.session.timeout.ms", "3000"),
            Map.entry("broker.heartbeat.interval.ms", "500"));

    private BrokerSettings() {
    }

    /**
     * The overrides as broker property names.
     *
     * @return a sorted copy, so logs and diffs read well
     */
    public static Map<String, String> overrides() {
        return new TreeMap<>(OVERRIDES);
    }

    /**
     * The same overrides in the form the {@code apache/kafka} image reads: {@code KAFKA_} plus the property name
     * upper-cased with dots as underscores.
     *
     * @return environment variables for the container
     */
    public static Map<String, String> containerEnvironment() {
        return OVERRIDES.entrySet().stream().collect(Collectors.toMap(
                entry -> "KAFKA_" + entry.getKey().toUpperCase(Locale.ROOT).replace('.', '_'),
                Map.Entry::getValue,
                (first, second) -> first,
                TreeMap::new));
    }
}
