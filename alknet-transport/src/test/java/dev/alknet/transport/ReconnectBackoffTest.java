package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static List<Long> seconds(ReconnectBackoff backoff, int count) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delays.add(backoff.next().toSeconds());
        }
        return delays;
    }

    @Test
    void doublesFromOneSecondUpToThirty() {
        assertThat(seconds(new ReconnectBackoff(), 9)).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L, 30L);
    }

    @Test
    void staysAtTheCapForever() {
        ReconnectBackoff backoff = new ReconnectBackoff();
        seconds(backoff, 10_000);
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void resetStartsOverAtOneSecond() {
        ReconnectBackoff backoff = new ReconnectBackoff();
        seconds(backoff, 4);
        backoff.reset();
        assertThat(seconds(backoff, 3)).containsExactly(1L, 2L, 4L);
    }
}
