package dev.orderpipeline.ingest.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.ingest.internal.idempotency.LedgerState.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerStateTest {

    private static final Duration WINDOW = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");
    private static final ScopeId KEY = ScopeId.of("web-c-1", "key-1");
    private static final Fingerprint BODY_A = new Fingerprint(1, 1);
    private static final Fingerprint BODY_B = new Fingerprint(2, 2);
    private static final UUID ORDER_1 = UUID.fromString("00000000-0000-5000-8000-000000000001");
    private static final UUID ORDER_2 = UUID.fromString("00000000-0000-5000-8000-000000000002");

    private final LedgerState state = new LedgerState(WINDOW);

    private static LedgerRecord.Claim claim(final Fingerprint body, final UUID order, final long claimId, final Instant at) {
        return new LedgerRecord.Claim(KEY, body, order, claimId, at);
    }

    @Test
    void shouldLetTheFirstClaimOwnTheKey() {
        // When: two claims with different bodies race; the ledger ordered A first
        state.apply(claim(BODY_A, ORDER_1, 11, T0));
        state.apply(claim(BODY_B, ORDER_2, 22, T0.plusMillis(3)));
        // Then
        assertThat(state.find(KEY, T0.plusSeconds(1))).hasValueSatisfying(entry -> {
            assertThat(entry.body()).isEqualTo(BODY_A);
            assertThat(entry.orderId()).isEqualTo(ORDER_1);
            assertThat(entry.claimId()).isEqualTo(11);
            assertThat(entry.progress()).isEqualTo(Progress.PENDING);
        });
    }

    @Test
    void shouldKeepTheFirstClaimWhenTheSameBodyIsClaimedAgain() {
        state.apply(claim(BODY_A, ORDER_1, 11, T0));
        state.apply(claim(BODY_A, ORDER_1, 33, T0.plusSeconds(1)));
        assertThat(state.find(KEY, T0.plusSeconds(2))).map(LedgerState.Entry::claimId).contains(11L);
    }

    @Test
    void shouldMarkTheOrderStoredOnlyForTheOwningOrderId() {
        state.apply(claim(BODY_A, ORDER_1, 11, T0));
        state.apply(new LedgerRecord.Completed(KEY, ORDER_2));
        assertThat(state.find(KEY, T0)).map(LedgerState.Entry::progress).contains(Progress.PENDING);
        state.apply(new LedgerRecord.Completed(KEY, ORDER_1));
        assertThat(state.find(KEY, T0)).map(LedgerState.Entry::progress).contains(Progress.STORED);
    }

    @Test
    void shouldReleaseAPendingClaimButNeverAStoredOrder() {
        state.apply(claim(BODY_A, ORDER_1, 11, T0));
        state.apply(new LedgerRecord.Released(KEY, ORDER_1));
        assertThat(state.find(KEY, T0)).map(LedgerState.Entry::progress).contains(Progress.RELEASED);
        state.apply(new LedgerRecord.Completed(KEY, ORDER_1));
        state.apply(new LedgerRecord.Released(KEY, ORDER_1));
        assertThat(state.find(KEY, T0)).map(LedgerState.Entry::progress).contains(Progress.STORED);
    }

    @Test
    void shouldForgetAKeyAfterItsWindowAndLetANewClaimOwnIt() {
        // Given
        state.apply(claim(BODY_A, ORDER_1, 11, T0));
        final Instant expiry = T0.plus(WINDOW);
        // Then: live until the window ends
        assertThat(state.find(KEY, expiry.minusMillis(1))).isPresent();
        assertThat(state.find(KEY, expiry)).isEmpty();
        // When: a claim after the window, with another body
        state.apply(claim(BODY_B, ORDER_2, 22, expiry.plusSeconds(1)));
        // Then
        assertThat(state.find(KEY, expiry.plusSeconds(2))).map(LedgerState.Entry::orderId).contains(ORDER_2);
    }

    @Test
    void shouldEvictOnlyEntriesExpiredBeforeTheHorizon() {
        state.apply(claim(BODY_A, ORDER_1, 11, T0));
        assertThat(state.evictExpiredBefore(T0.plus(WINDOW))).isZero();
        assertThat(state.evictExpiredBefore(T0.plus(WINDOW).plusMillis(1))).isEqualTo(1);
        assertThat(state.size()).isZero();
    }

    @Test
    void shouldScopeKeysPerPrincipal() {
        assertThat(ScopeId.of("alice", "k")).isNotEqualTo(ScopeId.of("bob", "k"));
        assertThat(ScopeId.of("ab", "c")).as("length-prefixed").isNotEqualTo(ScopeId.of("a", "bc"));
        assertThat(ScopeId.fromBytes(KEY.toBytes())).isEqualTo(KEY);
    }
}
