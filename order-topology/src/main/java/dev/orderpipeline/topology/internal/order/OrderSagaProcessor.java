package dev.orderpipeline.topology.internal.order;

import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.topology.avro.OrderSagaState;
import dev.orderpipeline.topology.internal.StoreNames;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link OrderSaga} step per record against the {@code saga-orders} store: read the order's state, decide,
 * store the new state, forward the effects keyed for their destination. The same class serves every order-keyed
 * input (orders, stock answers, payment answers, cancellations); they share the store, which is why they must all be
 * partitioned by order id with the same partition count.
 *
 * <p>Every terminal status forwarded is counted in a Streams metric (group {@value #METRIC_GROUP}, metrics
 * {@code decisions-total} and {@code decisions-rate}, tag {@code order-saga-id} = the status, and the reason code for
 * rejections, e.g. {@code REJECTED.OUT_OF_STOCK}); the services export Streams metrics through Micrometer.
 *
 * @param <V> the input value type
 */
public final class OrderSagaProcessor<V> implements Processor<String, V, String, SagaEffect> {

    /** One saga step: a pure function of the input and the order's current state (null when unknown). */
    @FunctionalInterface
    public interface Step<V> {
        Decision apply(String orderId, V input, OrderSagaState current, long nowMs);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OrderSagaProcessor.class);
    /** Group of the decision metrics: {@code stream-<scope>-metrics}. */
    public static final String METRIC_GROUP = "stream-order-saga-metrics";
    private static final String METRIC_SCOPE = "order-saga";
    private static final String METRIC_OPERATION = "decisions";
    private static final Set<OrderStatus> TERMINAL = EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.REJECTED,
            OrderStatus.CANCELLED);

    private final String name;
    private final Step<V> step;
    private ProcessorContext<String, SagaEffect> context;
    private KeyValueStore<String, OrderSagaState> orders;
    private final Map<String, Sensor> decisions = new HashMap<>();

    public OrderSagaProcessor(final String name, final Step<V> step) {
        this.name = name;
        this.step = step;
    }

    @Override
    public void init(final ProcessorContext<String, SagaEffect> context) {
        this.context = context;
        this.orders = context.getStateStore(StoreNames.SAGA_ORDERS);
    }

    @Override
    public void process(final Record<String, V> record) {
        final String orderId = record.key();
        final OrderSagaState current = orders.get(orderId);
        final Decision decision = step.apply(orderId, record.value(), current, context.currentSystemTimeMs());
        decision.anomalyNote().ifPresent(note -> LOG.info("{}: order {} at {}: {}", name, orderId, position(), note));
        decision.newState().ifPresent(state -> orders.put(orderId, state));
        for (final SagaEffect effect : decision.effects()) {
            context.forward(record.withKey(effect.key()).withValue(effect));
            if (effect instanceof SagaEffect.Status status && TERMINAL.contains(status.event().getStatus())) {
                countDecision(status.event());
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: order {} at {} now {} with {} effect(s)", name, orderId, position(),
                    decision.newState().map(OrderSagaState::getPhase).orElse(current == null ? null : current.getPhase()),
                    decision.effects().size());
        }
    }

    private void countDecision(final OrderStatusChanged event) {
        final String outcome = event.getStatus() == OrderStatus.REJECTED && event.getReasonCode() != null
                ? event.getStatus() + "." + event.getReasonCode() : event.getStatus().name();
        decisions.computeIfAbsent(outcome, entity -> context.metrics().addRateTotalSensor(METRIC_SCOPE, entity,
                METRIC_OPERATION, Sensor.RecordingLevel.INFO)).record();
    }

    /** Where the record being processed came from, {@code topic-partition@offset}, for the log. */
    private String position() {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("(no source record)");
    }
}
