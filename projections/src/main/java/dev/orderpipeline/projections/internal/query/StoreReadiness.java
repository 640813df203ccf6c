package dev.orderpipeline.projections.internal.query;

import dev.orderpipeline.platform.health.Health;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;

/**
 * Readiness of an instance: Streams is RUNNING and every store answers on every partition this instance is active
 * for. Load balancers then send queries only to instances that can answer (or forward) them. An instance with no
 * active partition at all (more instances than partitions) is ready: it forwards everything.
 */
public final class StoreReadiness {

    private final KafkaStreams streams;
    private final List<String> stores;

    StoreReadiness(final KafkaStreams streams, final List<String> stores) {
        this.streams = streams;
        this.stores = List.copyOf(stores);
    }

    public Health.Status probe() {
        final KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Health.Status.down("streams " + state.name());
        }
        int partitions = 0;
        for (final String store : stores) {
            try {
                final Map<Integer, QueryResult<Object>> results = streams.query(StateQueryRequest.inStore(store)
                        .withQuery(KeyQuery.withKey((Object) "")).requireActive()).getPartitionResults();
                for (final Map.Entry<Integer, QueryResult<Object>> result : results.entrySet()) {
                    final QueryResult<Object> outcome = result.getValue();
                    if (outcome.isFailure() && outcome.getFailureReason() != FailureReason.NOT_ACTIVE) {
                        return Health.Status.down(store + " partition " + result.getKey() + " "
                                + outcome.getFailureReason());
                    }
                    partitions += outcome.isSuccess() ? 1 : 0;
                }
            } catch (final StreamsException | IllegalStateException e) {
                return Health.Status.down(store + " not queryable: " + e.getMessage());
            }
        }
        return Health.Status.up("streams RUNNING, " + partitions + " store partitions active here");
    }
}
