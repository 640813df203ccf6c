package dev.orderpipeline.topology.internal;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.serde.AvroSerdeConfig;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerde;
import dev.orderpipeline.topology.avro.AccountBalance;
import dev.orderpipeline.topology.avro.OrderSagaState;
import dev.orderpipeline.topology.avro.SagaCommand;
import dev.orderpipeline.topology.avro.SagaReply;
import dev.orderpipeline.topology.avro.StockLevel;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serdes of the saga's internal Avro records (stores and repartition topics), in the same Confluent wire format and
 * on the same registry client as the public topics of {@link Topics}. Their subjects are named after the internal
 * topics ({@code <application.id>-step-requests-repartition-value}, {@code ...-saga-orders-changelog-value}),
 * so they are registered automatically whatever {@code auto.register.schemas} says for the public contracts: these
 * schemas belong to this application alone.
 *
 * <p>One instance per built topology; the serdes are stateless apart from their schema caches and safe to share
 * between stream threads.
 */
public final class SagaSerdes {

    private final Serde<OrderPlaced> orderPlaced;
    private final Serde<OrderSagaState> orderState;
    private final Serde<SagaCommand> command;
    private final Serde<SagaReply> reply;
    private final Serde<StockLevel> stockLevel;
    private final Serde<AccountBalance> accountBalance;

    public SagaSerdes(final Topics topics) {
        this.orderPlaced = avro(topics, OrderPlaced.class);
        this.orderState = avro(topics, OrderSagaState.class);
        this.command = avro(topics, SagaCommand.class);
        this.reply = avro(topics, SagaReply.class);
        this.stockLevel = avro(topics, StockLevel.class);
        this.accountBalance = avro(topics, AccountBalance.class);
    }

    private static <T extends SpecificRecord> Serde<T> avro(final Topics topics, final Class<T> type) {
        final Serde<T> serde = new ConfluentAvroSerde<>(topics.registry(), type);
        final Map<String, Object> config = new HashMap<>(topics.serdeConfig());
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        config.put(AvroSerdeConfig.USE_LATEST_VERSION, false);
        serde.configure(config, false);
        return serde;
    }

    /**
     * {@code OrderPlaced} on the saga's own {@code orders-rekeyed} topic. Not the serde of {@link Topics#orders()}:
     * that one follows the deployment's {@code auto.register.schemas}, which may forbid registering the internal
     * topic's subject.
     */
    public Serde<OrderPlaced> orderPlaced() {
        return orderPlaced;
    }

    public Serde<OrderSagaState> orderState() {
        return orderState;
    }

    public Serde<SagaCommand> command() {
        return command;
    }

    public Serde<SagaReply> reply() {
        return reply;
    }

    public Serde<StockLevel> stockLevel() {
        return stockLevel;
    }

    public Serde<AccountBalance> accountBalance() {
        return accountBalance;
    }
}
