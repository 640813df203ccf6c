package dev.orderpipeline.ingest.internal.http;

import dev.orderpipeline.ingest.internal.kafka.EventPublisher;
import dev.orderpipeline.ingest.internal.kafka.PublishFailedException;
import dev.orderpipeline.ingest.internal.orders.AccountCommand;
import dev.orderpipeline.ingest.internal.orders.AdjustmentReader;
import dev.orderpipeline.ingest.internal.orders.FieldErrors;
import dev.orderpipeline.ingest.internal.orders.InventoryCommand;
import dev.orderpipeline.ingest.internal.orders.OrderEvents;
import dev.orderpipeline.platform.security.Security;
import dev.orderpipeline.schemas.Topics;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /admin/inventory/{sku}} and {@code PUT /admin/accounts/{customerId}}: load stock and funds for the saga
 * by producing {@code InventoryAdjustment} / {@code AccountAdjustment} (role admin). The saga applies them in order
 * per key; 202 means stored in Kafka, not yet applied.
 */
public final class AdminController {

    private static final Logger LOG = LoggerFactory.getLogger(AdminController.class);

    /** The body of a 202 answer to a stock change. */
    public record StockAccepted(String sku, String kind, long quantity) {
    }

    /** The body of a 202 answer to a funds change. */
    public record FundsAccepted(String customerId, String currency, String kind, long amountMinor) {
    }

    private final JsonBodies bodies;
    private final EventPublisher publisher;
    private final Topics topics;
    private final Clock clock;
    private final Duration retryAfter;

    public AdminController(final JsonBodies bodies, final EventPublisher publisher, final Topics topics,
                           final Clock clock, final Duration retryAfter) {
        this.bodies = bodies;
        this.publisher = publisher;
        this.topics = topics;
        this.clock = clock;
        this.retryAfter = retryAfter;
    }

    public void inventory(final Context ctx) {
        final FieldErrors errors = new FieldErrors();
        final InventoryCommand command = AdjustmentReader.inventory(ctx.pathParam("sku"), bodies.read(ctx), errors);
        errors.throwIfAny("stock adjustment");
        try {
            publisher.publish(topics.inventory(), command.sku(), OrderEvents.inventory(command, clock.instant()));
        } catch (final PublishFailedException e) {
            throw IngestProblems.publishFailed(e, retryAfter);
        }
        LOG.info("Stock of {} {} {} by {}", command.sku(), command.kind(), command.quantity(),
                Security.principal(ctx).subject());
        ctx.status(202).json(new StockAccepted(command.sku(), command.kind().name(), command.quantity()));
    }

    public void account(final Context ctx) {
        final FieldErrors errors = new FieldErrors();
        final AccountCommand command = AdjustmentReader.account(ctx.pathParam("customerId"), bodies.read(ctx), errors);
        errors.throwIfAny("funds adjustment");
        try {
            publisher.publish(topics.accounts(), command.customerId(), OrderEvents.account(command, clock.instant()));
        } catch (final PublishFailedException e) {
            throw IngestProblems.publishFailed(e, retryAfter);
        }
        LOG.info("Funds of {} {} {} {} by {}", command.customerId(), command.kind(), command.amountMinor(),
                command.currency(), Security.principal(ctx).subject());
        ctx.status(202).json(new FundsAccepted(command.customerId(), command.currency(), command.kind().name(),
                command.amountMinor()));
    }
}
