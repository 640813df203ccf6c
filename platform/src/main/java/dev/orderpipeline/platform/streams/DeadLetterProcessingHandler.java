package dev.orderpipeline.platform.streams;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record whose processing threw (a bug, or data the processors did not expect) to the dead-letter topic
 * named by {@code errors.dead.letter.queue.topic.name}, with the source record's original bytes and
 * {@link DeadLetters} headers, and continues. Business failures never reach this handler: they are events.
 * Retriable exceptions fail the thread so the record is retried instead.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private String dlqTopic;

    @Override
    public void configure(final Map<String, ?> configs) {
        this.dlqTopic = DeadLetters.topicFrom(configs, getClass());
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
        if (DeadLetterDeserializationHandler.isRetriable(exception)) {
            LOG.warn("Processing of record at {}-{}@{} failed for a passing reason; failing the thread to retry it: {}",
                    context.topic(), context.partition(), context.offset(), exception.toString());
            return Response.fail();
        }
        LOG.error("Dead-lettering record at {}-{}@{} that failed in processor {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception);
        return Response.resume(List.of(DeadLetters.record(dlqTopic, context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), FailureReason.PROCESSING_ERROR.name(), String.valueOf(exception.getMessage()),
                exception, context.topic(), context.partition(), context.offset(), context.processorNodeId())));
    }
}
