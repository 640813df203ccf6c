package dev.orderpipeline.bench.baseline;

import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.streams.StreamsProperties;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The saga's ceiling: a Kafka Streams app that writes what issue 4 asks the saga to write for every order and does
 * nothing else. Each {@code OrderPlaced} (Avro, from the registry) becomes the four {@code OrderStatusChanged} of a
 * confirmed order (PENDING, STOCK_RESERVED, PAYMENT_AUTHORIZED, CONFIRMED, each with the order snapshot) on one topic
 * and one {@code NotificationRequested} on another, with the pipeline's serdes and Streams settings
 * ({@link StreamsProperties#base}) — no state, no stock, no payment, no internal topics. No implementation of the
 * saga can be faster than this on the same machine, so its ratio to the pass-through bounds the saga's.
 *
 * <p>Settings: {@code CONTRACT_INPUT}, {@code CONTRACT_STATUS_OUTPUT}, {@code CONTRACT_NOTIFICATION_OUTPUT},
 * {@code CONTRACT_APPLICATION_ID}, {@code CONTRACT_STATE_DIR}, {@code COMMIT_INTERVAL_MS}, {@code HTTP_PORT}, and
 * {@link KafkaSettings#from}.
 */
final class OutputContractApp {

    private static final List<OrderStatus> CONFIRMED_HISTORY = List.of(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED,
            OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.CONFIRMED);

    private OutputContractApp() {
    }

    static void start(final Env env) {
        final KafkaSettings kafka = KafkaSettings.from(env);
        final Topics topics = Topics.create(kafka.serdeConfig());
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, OrderPlaced> orders = builder.stream(env.required("CONTRACT_INPUT"),
                Consumed.with(topics.orders().keySerde(), topics.orders().valueSerde()).withName("contract-source"));
        orders.flatMapValues(OutputContractApp::history, Named.as("contract-statuses"))
                .to(env.required("CONTRACT_STATUS_OUTPUT"), Produced.with(topics.orderStatus().keySerde(),
                        topics.orderStatus().valueSerde()).withName("contract-status-sink"));
        orders.mapValues(OutputContractApp::notification, Named.as("contract-notification"))
                .to(env.required("CONTRACT_NOTIFICATION_OUTPUT"), Produced.with(topics.notifications().keySerde(),
                        topics.notifications().valueSerde()).withName("contract-notification-sink"));
        StreamsBaseline.start("bench-output-contract", builder.build(), kafka, env,
                env.required("CONTRACT_APPLICATION_ID"), Path.of(env.required("CONTRACT_STATE_DIR")), 8092, topics);
    }

    private static List<OrderStatusChanged> history(final OrderPlaced order) {
        final long total = order.getItems().stream().mapToLong(i -> i.getQuantity() * i.getUnitPriceMinor()).sum();
        final List<OrderStatusChanged> history = new ArrayList<>(CONFIRMED_HISTORY.size());
        OrderStatus previous = null;
        for (final OrderStatus status : CONFIRMED_HISTORY) {
            history.add(OrderStatusChanged.newBuilder().setOrderId(order.getOrderId())
                    .setCustomerId(order.getCustomerId()).setStatus(status).setPreviousStatus(previous)
                    .setSequence(history.size()).setReasonCode(null).setReasonMessage(null)
                    .setChangedAt(order.getCreatedAt()).setOrderCreatedAt(order.getCreatedAt())
                    .setCurrency(order.getCurrency()).setTotalMinor(total).setItems(order.getItems()).build());
            previous = status;
        }
        return history;
    }

    private static NotificationRequested notification(final OrderPlaced order) {
        return new NotificationRequested(order.getOrderId() + "#3", order.getOrderId(), order.getCustomerId(),
                NotificationKind.ORDER_CONFIRMED, null, null, order.getCurrency(), 0L, order.getCreatedAt());
    }
}
