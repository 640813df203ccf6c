package dev.orderpipeline.schemas;

/**
 * How a topic is created: its name, whether it is log-compacted (latest value per key is what matters), and how
 * long records are kept otherwise.
 *
 * @param name        topic name
 * @param compacted   true for {@code cleanup.policy=compact}
 * @param retentionMs {@code retention.ms} for delete-policy topics; -1 keeps records for ever
 */
public record TopicSpec(String name, boolean compacted, long retentionMs) {
}
