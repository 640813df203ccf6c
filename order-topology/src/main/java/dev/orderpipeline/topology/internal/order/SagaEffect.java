package dev.orderpipeline.topology.internal.order;

import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.topology.avro.PaymentCommand;
import dev.orderpipeline.topology.avro.StockCommand;
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

    /** Hold stock of one SKU, for {@code stock-reservations}. */
    record Reserve(StockCommand command) implements SagaEffect {
        public Reserve {
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String key() {
            return command.getSku();
        }
    }

    /** Give back what the order holds of one SKU, for {@code stock-releases}. */
    record Release(StockCommand command) implements SagaEffect {
        public Release {
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String key() {
            return command.getSku();
        }
    }

    /** Take the order total from the customer's funds, for {@code payment-authorizations}. */
    record Authorize(PaymentCommand command) implements SagaEffect {
        public Authorize {
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String key() {
            return command.getCustomerId();
        }
    }

    /** Give back what the order was charged, for {@code payment-refunds}. */
    record Refund(PaymentCommand command) implements SagaEffect {
        public Refund {
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String key() {
            return command.getCustomerId();
        }
    }
}
