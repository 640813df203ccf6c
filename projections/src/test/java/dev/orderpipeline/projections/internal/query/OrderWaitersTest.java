package dev.orderpipeline.projections.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderWaitersTest {

    private final OrderWaiters waiters = new OrderWaiters(2);

    /** Waits on another thread; the latch opens once the waiter is registered. */
    private CompletableFuture<Boolean> waitInBackground(final String orderId, final Duration timeout,
                                                        final CountDownLatch registered) {
        return CompletableFuture.supplyAsync(() -> {
            try (OrderWaiters.Registration registration = waiters.register(orderId)) {
                registered.countDown();
                return registration.await(timeout);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    @Test
    void shouldWakeAWaiterAsSoonAsItsOrderChanges() throws Exception {
        // Given
        final CountDownLatch registered = new CountDownLatch(1);
        final CompletableFuture<Boolean> woken = waitInBackground("o-1", Duration.ofSeconds(30), registered);
        assertThat(registered.await(5, TimeUnit.SECONDS)).as("registered").isTrue();
        // When
        waiters.orderChanged("o-1");
        // Then
        assertThat(woken.get(5, TimeUnit.SECONDS)).as("woken by the change, long before its 30 s timeout").isTrue();
        assertThat(waiters.waiting()).as("waiters left").isZero();
    }

    @Test
    void shouldNotWakeAWaiterForAnotherOrder() throws Exception {
        // Given
        try (OrderWaiters.Registration registration = waiters.register("o-1")) {
            // When
            waiters.orderChanged("o-2");
            // Then
            assertThat(registration.await(Duration.ofMillis(50))).as("woken by another order's change").isFalse();
        }
    }

    @Test
    void shouldWakeAWaiterWhoseChangeCameBetweenRegisteringAndWaiting() throws Exception {
        // Given
        try (OrderWaiters.Registration registration = waiters.register("o-1")) {
            // When
            waiters.orderChanged("o-1");
            // Then
            assertThat(registration.await(Duration.ofSeconds(30))).as("woken without waiting").isTrue();
        }
    }

    @Test
    void shouldRefuseWaitersBeyondTheCapAndAcceptThemAgainOnceOthersLeave() {
        // Given
        final OrderWaiters.Registration first = waiters.register("o-1");
        final OrderWaiters.Registration second = waiters.register("o-1");
        // When / Then
        assertThatThrownBy(() -> waiters.register("o-2")).as("third waiter with a cap of 2")
                .isInstanceOf(OrderWaiters.TooManyWaitersException.class);
        first.close();
        second.close();
        try (OrderWaiters.Registration again = waiters.register("o-2")) {
            assertThat(waiters.waiting()).as("waiting after the others left").isEqualTo(1);
        }
    }

    @Test
    void shouldWakeEveryWaiterOnWakeAll() throws Exception {
        // Given
        try (OrderWaiters.Registration one = waiters.register("o-1");
             OrderWaiters.Registration two = waiters.register("o-2")) {
            // When
            waiters.wakeAll();
            // Then
            assertThat(one.await(Duration.ofSeconds(30))).as("o-1 waiter woken").isTrue();
            assertThat(two.await(Duration.ofSeconds(30))).as("o-2 waiter woken").isTrue();
        }
    }
}
