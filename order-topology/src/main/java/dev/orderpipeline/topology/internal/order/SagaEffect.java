package dev.orderpipeline.topology.internal.order;

import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.topology.avro.SagaCommand;
import java.util.Objects;

/**
 * Something a saga step wants done outside the order's own state, each routed to its own topic. The key is the
 * record key it is sent with, which decides the partition and so the task that acts on it.
 */
public sealed interface SagaEffect {

    /** The record key: order id, SKU or customer id. */
    String key();

    /** A status change for {@code order-status}. */
    record Status(OrderStatusChanged event) implements SagaEffect {
        public Status {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String key() {
            return event.getOrderId();
        }
    }

    /** A notification request for {@code notifications}. */
    record Notify(NotificationRequested event) implements SagaEffect {
        public Notify {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String key() {
            return event.getOrderId();
        }
    }

    /**
     * A command for the stock or payment step: reserve units of a SKU or authorize an amount of a customer's funds
     * ({@code step-requests}), release or refund them ({@code step-compensations}). Keyed by the SKU or the customer
     * id.
     */
    record Command(SagaCommand command) implements SagaEffect {
        public Command {
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String key() {
            return command.getKey();
        }
    }
}
