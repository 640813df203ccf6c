package dev.orderpipeline.topology.internal;

import dev.orderpipeline.schemas.Topic;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Splits a source stream into the records a step can own and the ones that go to the dead-letter topic. The
 * dead-letter branch gets its own sink in the caller's sub-topology: merging dead letters of different
 * sub-topologies would fuse them into one.
 */
public final class Guards {

    private Guards() {
    }

    /**
     * @param name       prefix of the processor names: {@code <name>-accepted}, {@code <name>-dead-letter},
     *                   {@code <name>-dead-letter-sink}
     * @return the records the inspector finds fine
     */
    public static <V> KStream<String, V> accept(final KStream<String, V> stream, final String name,
                                                final Topic<String, V> source, final Topic<byte[], byte[]> deadLetters,
                                                final RecordInspector<V> inspector) {
        final String prefix = name + "-";
        final Map<String, KStream<String, V>> branches = stream.split(Named.as(prefix))
                .branch((key, value) -> inspector.inspect(key, value).isPresent(),
                        Branched.withConsumer(rejected -> deadLetter(rejected, prefix + "dead-letter", source,
                                deadLetters, inspector), "rejected"))
                .defaultBranch(Branched.as("accepted"));
        return branches.get(prefix + "accepted");
    }

    /**
     * Sends every record of {@code rejected} to the dead-letter topic, through processor {@code name} and sink
     * {@code <name>-sink}.
     */
    public static <V> void deadLetter(final KStream<String, V> rejected, final String name,
                                      final Topic<String, V> source, final Topic<byte[], byte[]> deadLetters,
                                      final RecordInspector<V> inspector) {
        rejected.process(() -> new DeadLetterProcessor<>(name, source, deadLetters.name(), inspector), Named.as(name))
                .to(deadLetters.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-sink"));
    }
}
