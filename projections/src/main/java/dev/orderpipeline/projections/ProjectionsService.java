package dev.orderpipeline.projections;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.security.Role;
import dev.orderpipeline.platform.streams.StreamsProperties;
import dev.orderpipeline.projections.console.ConsoleRoutes;
import dev.orderpipeline.projections.internal.http.CustomersController;
import dev.orderpipeline.projections.internal.http.OrdersController;
import dev.orderpipeline.projections.internal.http.PeerController;
import dev.orderpipeline.projections.internal.http.SalesController;
import dev.orderpipeline.projections.internal.query.MonthlySalesQueries;
import dev.orderpipeline.projections.internal.query.OrderWaiters;
import dev.orderpipeline.projections.internal.query.ProjectionsMeters;
import dev.orderpipeline.projections.internal.query.QueryServices;
import dev.orderpipeline.schemas.Topics;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the projections topology and serves its views over HTTP. One instance per process; several instances with
 * the same application id share the partitions, keep standby copies of each other's state, and answer queries for
 * each other (see {@code internal.query}). Its routes are installed into whichever Javalin server hosts it
 * ({@link ProjectionsMain} standalone, or the local stack), which must listen on {@link ProjectionsConfig#httpPort()}.
 */
public final class ProjectionsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionsService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final QueryServices queries;
    private final SalesController sales;
    private final OrdersController orders;
    private final CustomersController customers;
    private final PeerController peer;

    private ProjectionsService(final ProjectionsConfig config, final KafkaStreams streams,
                               final KafkaStreamsMetrics streamsMetrics, final QueryServices queries,
                               final CustomerAccess access) {
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.queries = queries;
        final MonthlySalesQueries months = queries.monthlySales();
        this.sales = new SalesController(months, queries.productSales());
        this.orders = new OrdersController(queries.orderStatus(), access, config.queries().defaultLongPoll(),
                config.queries().maxLongPoll());
        this.customers = new CustomersController(queries.customerOrders(), access);
        this.peer = new PeerController(months);
    }

    /** {@link #start(ProjectionsConfig, KafkaSettings, Topics, MeterRegistry, CustomerAccess)} letting anybody see any customer. */
    public static ProjectionsService start(final ProjectionsConfig config, final KafkaSettings kafka, final Topics topics,
                                           final MeterRegistry meters) {
        return start(config, kafka, topics, meters, CustomerAccess.anyone());
    }

    /**
     * Builds the topology, starts Streams, and returns without waiting for it to be RUNNING (queries answer 503
     * until then).
     *
     * @param access who may see which customer's orders
     */
    public static ProjectionsService start(final ProjectionsConfig config, final KafkaSettings kafka, final Topics topics,
                                           final MeterRegistry meters, final CustomerAccess access) {
        final OrderWaiters waiters = new OrderWaiters(config.queries().maxWaiters());
        final Topology topology = ProjectionsTopology.build(new StreamsBuilder(), topics,
                new ProjectionsTopology.Settings(config.zone(), kafka.serdeConfig(), waiters));
        LOG.info("Projections topology:\n{}", topology.describe());
        final KafkaStreams streams = new KafkaStreams(topology, properties(config, kafka));
        final QueryServices queries = new QueryServices(streams, new HostInfo(config.httpHost(), config.httpPort()),
                config.queries(), waiters, new ProjectionsMeters(meters, waiters::waiting));
        streams.setStateListener((now, before) -> {
            LOG.info("Projections {} went from {} to {}", config.applicationServer(), before, now);
            queries.stateChanged(now);
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Projections stream thread died on {}; replacing it", config.applicationServer(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        final KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(meters);
        streams.start();
        return new ProjectionsService(config, streams, metrics, queries, access);
    }

    static Properties properties(final ProjectionsConfig config, final KafkaSettings kafka) {
        final Properties props = StreamsProperties.base(config.applicationId(), kafka, config.stateDir(),
                Topics.ORDER_STATUS_DLQ, config.replicationFactor());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.applicationServer());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        return props;
    }

    /**
     * Registers the query routes, each with the permission it needs ({@link Role}) for the hosting
     * server's access manager.
     */
    public void routes(final JavalinConfig config) {
        config.routes.get("/sales/monthly", sales::range, Role.SALES_READ);
        config.routes.get("/sales/monthly/{month}", sales::month, Role.SALES_READ);
        config.routes.get("/sales/monthly/{month}/products", sales::topProducts, Role.SALES_READ);
        config.routes.get("/orders/{orderId}", orders::get, Role.ORDERS_READ);
        config.routes.get("/customers/{customerId}/orders", customers::orders, Role.ORDERS_READ);
        config.routes.get(MonthlySalesQueries.BATCH_PATH, peer::monthlySales, Role.SALES_READ);
        ConsoleRoutes.install(config);
    }

    /** Ready when Streams is RUNNING and every store answers on every partition active here. */
    public Health.Check readiness() {
        return new Health.Check("projections", queries.readiness()::probe);
    }

    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Stops serving and processing. Leaves the consumer group at once, so the other instances take over this one's
     * partitions (from their standby copies) without waiting for the session timeout.
     */
    @Override
    public void close() {
        queries.close();
        streamsMetrics.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
    }
}
