package dev.orderpipeline.consumers.internal.channel;

import java.util.Objects;

/** Whether a channel knows where to send a notification. */
public sealed interface Resolution {

    record Resolved(Recipient recipient) implements Resolution {
        public Resolved {
            Objects.requireNonNull(recipient, "recipient");
        }
    }

    /** No usable address: retrying cannot help, so the failure is permanent. */
    record Unresolved(DeliveryOutcome.PermanentFailure failure) implements Resolution {
        public Unresolved {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static Resolution of(final Recipient recipient) {
        return new Resolved(recipient);
    }

    static Resolution unresolved(final FailureCode code, final String message) {
        return new Unresolved(new DeliveryOutcome.PermanentFailure(code, message, null));
    }
}
