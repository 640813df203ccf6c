package dev.orderpipeline.ingest.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderpipeline.ingest.internal.idempotency.Deadline;
import dev.orderpipeline.ingest.internal.idempotency.Fingerprint;
import dev.orderpipeline.ingest.internal.idempotency.IdempotentOrders;
import dev.orderpipeline.ingest.internal.idempotency.ScopeId;
import dev.orderpipeline.ingest.internal.kafka.EventPublisher;
import dev.orderpipeline.ingest.internal.kafka.PublishFailedException;
import dev.orderpipeline.ingest.internal.orders.FieldErrors;
import dev.orderpipeline.ingest.internal.orders.Ids;
import dev.orderpipeline.ingest.internal.orders.OrderEvents;
import dev.orderpipeline.ingest.internal.orders.OrderRequest;
import dev.orderpipeline.ingest.internal.orders.OrderRequestReader;
import dev.orderpipeline.ingest.internal.orders.OrderValidator;
import dev.orderpipeline.platform.http.ProblemException;
import dev.orderpipeline.platform.security.Authorization;
import dev.orderpipeline.platform.security.Principal;
import dev.orderpipeline.platform.security.Security;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderSource;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /orders} and {@code DELETE /orders/{id}}: read, validate, authorize, publish, and answer 202 only once
 * Kafka has acknowledged the event. A cancellation by a caller bound to a customer carries that customer
 * ({@code requestedByCustomerId}); the saga refuses it for another customer's order.
 */
public final class OrdersController {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersController.class);
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Printable ASCII without spaces, as long as common client libraries make them. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int MAX_REASON = 200;

    /** Collaborators. */
    public record Dependencies(JsonBodies bodies, OrderValidator validator, EventPublisher publisher,
                               IdempotentOrders idempotent, Topics topics, Clock clock, Duration sendTimeout,
                               Duration retryAfter, MeterRegistry registry) {
    }

    private final Dependencies deps;
    private final Meter.MeterProvider<Counter> accepted;

    public OrdersController(final Dependencies deps) {
        this.deps = deps;
        this.accepted = Counter.builder("ingest.orders.accepted")
                .description("Orders answered 202; replayed=true when an Idempotency-Key retry was answered from the ledger")
                .withRegistry(deps.registry());
    }

    public void place(final Context ctx) {
        final Deadline deadline = Deadline.after(deps.sendTimeout());
        final Principal principal = Security.principal(ctx);
        final String key = idempotencyKey(ctx);
        final JsonNode body = deps.bodies().read(ctx);
        final FieldErrors errors = new FieldErrors();
        final OrderRequest request = OrderRequestReader.read(body, errors);
        if (request != null) {
            errors.values(deps.validator().validate(request));
        }
        errors.throwIfAny("order");
        if (principal.customerId().isPresent()) {
            Authorization.requireCustomer(principal, request.customerId());
        }
        final Instant now = deps.clock().instant();
        try {
            if (key == null) {
                final String orderId = UUID.randomUUID().toString();
                publish(request, orderId, now);
                answer(ctx, orderId, false);
                return;
            }
            final IdempotentOrders.Outcome outcome = deps.idempotent().place(ScopeId.of(principal.subject(), key),
                    Fingerprint.of(request), deadline, id -> publish(request, id.toString(), now));
            switch (outcome) {
                case IdempotentOrders.Outcome.Accepted done -> answer(ctx, done.orderId().toString(), done.replayed());
                case IdempotentOrders.Outcome.Conflict conflict -> {
                    LOG.info("Idempotency-Key of {} reused with a different body", principal.subject());
                    throw IngestProblems.keyReused();
                }
            }
        } catch (final PublishFailedException e) {
            throw IngestProblems.publishFailed(e, deps.retryAfter());
        }
    }

    public void cancel(final Context ctx) {
        final Principal principal = Security.principal(ctx);
        final String orderId = ctx.pathParam("id");
        if (!Ids.valid(orderId)) {
            throw ProblemException.invalidParameter("id", Ids.rule());
        }
        final String reason = ctx.queryParam("reason");
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON)) {
            throw ProblemException.invalidParameter("reason", "must be 1-" + MAX_REASON + " characters");
        }
        RequestIds.orderId(orderId);
        final String customerId = boundCustomer(principal);
        try {
            deps.publisher().publish(deps.topics().orderCancellations(), orderId,
                    OrderEvents.cancelled(orderId, principal.subject(), reason, deps.clock().instant(), customerId));
        } catch (final PublishFailedException e) {
            throw IngestProblems.publishFailed(e, deps.retryAfter());
        }
        if (customerId == null) {
            LOG.info("Cancellation of order {} requested by {}", orderId, principal.subject());
        } else {
            LOG.info("Cancellation of order {} requested by {} for customer {}", orderId, principal.subject(),
                    customerId);
        }
        writeAccepted(ctx, orderId, "CANCELLATION_REQUESTED");
    }

    /**
     * The customer a cancellation is bound to: the caller's own customer when it is bound to one, null for admins
     * and unbound staff or service callers, who may cancel any order. The order's customer is not known here (ingest
     * keeps no orders), so the saga compares the two and refuses a cancellation bound to another customer.
     */
    private static String boundCustomer(final Principal principal) {
        return principal.isAdmin() ? null : principal.customerId().orElse(null);
    }

    private void publish(final OrderRequest request, final String orderId, final Instant createdAt)
            throws PublishFailedException {
        RequestIds.orderId(orderId);
        deps.publisher().publish(deps.topics().orders(), orderId,
                OrderEvents.placed(request, orderId, createdAt, OrderSource.HTTP));
    }

    private void answer(final Context ctx, final String orderId, final boolean replayed) {
        RequestIds.orderId(orderId);
        accepted.withTags("replayed", Boolean.toString(replayed)).increment();
        LOG.debug("Order {} accepted{}", orderId, replayed ? " (replayed)" : "");
        if (replayed) {
            ctx.header("Idempotent-Replayed", "true");
        }
        writeAccepted(ctx, orderId, "PENDING");
    }

    /**
     * 202 with {@code Location} and {@code {"orderId":...,"status":...}}. Written by hand, not through the JSON
     * mapper: it is on every accepted request, and neither part needs escaping (order ids match {@link Ids}).
     */
    private static void writeAccepted(final Context ctx, final String orderId, final String status) {
        ctx.status(202).header("Location", "/orders/" + orderId).contentType(ContentType.APPLICATION_JSON)
                .result(("{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static String idempotencyKey(final Context ctx) {
        final String key = ctx.header(IDEMPOTENCY_KEY);
        if (key != null && !KEY.matcher(key).matches()) {
            throw ProblemException.invalidParameter(IDEMPOTENCY_KEY, "must be 1-255 printable ASCII characters");
        }
        return key;
    }
}
