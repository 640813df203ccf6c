package dev.orderpipeline.ingest.internal.http;

import io.javalin.http.Handler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Graceful shutdown of the ingest routes: once draining, new requests get 503 with {@code Retry-After} and
 * {@code Connection: close} (the load balancer sends them elsewhere; readiness is down too), while requests already
 * running finish normally and can still be acknowledged.
 *
 * <p>A request counts itself in before it checks the flag, so none can slip past a drain that has seen zero.
 */
public final class Drain {

    private final AtomicInteger running = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Duration retryAfter;
    private volatile boolean draining;

    public Drain(final Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /** The handler, refused while draining and counted while running. */
    public Handler guard(final Handler handler) {
        return ctx -> {
            running.incrementAndGet();
            try {
                if (draining) {
                    throw IngestProblems.shuttingDown(retryAfter);
                }
                handler.handle(ctx);
            } finally {
                if (running.decrementAndGet() == 0 && draining) {
                    signalIdle();
                }
            }
        };
    }

    public boolean draining() {
        return draining;
    }

    public int running() {
        return running.get();
    }

    /** Refuses new requests from now on. */
    public void stopAccepting() {
        draining = true;
    }

    /** Waits until no guarded request runs; false when the timeout came first. */
    public boolean awaitIdle(final Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (running.get() > 0) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = idle.awaitNanos(remaining);
            }
            return true;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return running.get() == 0;
        } finally {
            lock.unlock();
        }
    }

    private void signalIdle() {
        lock.lock();
        try {
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
