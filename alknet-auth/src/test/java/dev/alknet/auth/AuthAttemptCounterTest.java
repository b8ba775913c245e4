package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthAttemptCounterTest {

    @Test
    void refusesFurtherAttemptsOnceTheLimitIsReached() {
        AuthAttemptCounter counter = new AuthAttemptCounter(3);

        assertThat(counter.recordFailure()).isFalse();
        assertThat(counter.recordFailure()).isFalse();
        assertThat(counter.mayAttempt()).isTrue();
        assertThat(counter.recordFailure()).as("third failure: disconnect").isTrue();
        assertThat(counter.mayAttempt()).isFalse();
        assertThat(counter.isExhausted()).isTrue();
        assertThat(counter.failures()).isEqualTo(3);
    }

    @Test
    void zeroMeansUnlimited() {
        AuthAttemptCounter counter = new AuthAttemptCounter(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(counter.recordFailure()).isFalse();
        }
        assertThat(counter.mayAttempt()).isTrue();
    }

    @Test
    void defaultsToTheCliDefaultAndRejectsNegativeLimits() {
        assertThat(AuthAttemptCounter.DEFAULT_MAX_ATTEMPTS).isEqualTo(10);
        assertThatThrownBy(() -> new AuthAttemptCounter(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
