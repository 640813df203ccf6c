package dev.orderpipeline.platform.streams;

import dev.orderpipeline.schemas.registry.RegistryUnavailableException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be deserialized to the dead-letter topic named by Kafka's own
 * {@code errors.dead.letter.queue.topic.name}, with {@link DeadLetters} headers, and carries on with the next
 * record — a poison record never stops a partition. The dead-letter record is written in the same transaction as
 * the offset commit, so under exactly-once it is neither lost nor duplicated.
 *
 * <p>A retriable failure ({@link RegistryUnavailableException}: the registry is down, the record is fine) is NOT
 * dead-lettered: the handler answers FAIL, the stream thread is replaced by the uncaught-exception handler, and the
 * record is read again once the registry is back.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private String dlqTopic;

    @Override
    public void configure(final Map<String, ?> configs) {
        this.dlqTopic = DeadLetters.topicFrom(configs, getClass());
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
                                final Exception exception) {
        if (isRetriable(exception)) {
            LOG.warn("Cannot deserialize record at {}-{}@{} for a passing reason; failing the thread to retry it: {}",
                    record.topic(), record.partition(), record.offset(), exception.toString());
            return Response.fail();
        }
        final FailureReason reason = FailureReason.ofDeserialization(exception);
        LOG.warn("Dead-lettering undecodable record at {}-{}@{} to {}: {} ({})", record.topic(), record.partition(),
                record.offset(), dlqTopic, reason, exception.getMessage());
        return Response.resume(List.of(DeadLetters.record(dlqTopic, record.key(), record.value(), record.headers(),
                reason.name(), exception.getMessage(), exception, record.topic(), record.partition(), record.offset(),
                context.processorNodeId())));
    }

    static boolean isRetriable(final Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
