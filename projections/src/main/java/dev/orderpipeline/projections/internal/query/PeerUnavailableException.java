package dev.orderpipeline.projections.internal.query;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Another instance could not answer a forwarded query: unreachable, too slow, or itself not ready (503). Retrying
 * helps — after the rebalance that follows a lost instance, or once the owner has restored its state — so callers
 * fall back to a local standby copy or answer 503 with {@code Retry-After}.
 */
public final class PeerUnavailableException extends RuntimeException {

    private final HostInfo peer;

    public PeerUnavailableException(final HostInfo peer, final String reason, final Throwable cause) {
        super("Instance " + peer.host() + ":" + peer.port() + " did not answer: " + reason, cause);
        this.peer = peer;
    }

    public HostInfo peer() {
        return peer;
    }
}
