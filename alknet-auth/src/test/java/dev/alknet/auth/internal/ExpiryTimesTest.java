package dev.alknet.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiryTimesTest {

    @ParameterizedTest
    @CsvSource({
        "20260102,        2026-01-01T23:00:00Z",
        "202601021530,    2026-01-02T14:30:00Z",
        "20260102153045,  2026-01-02T14:30:45Z",
        "20260102Z,       2026-01-02T00:00:00Z",
        "20260102153045z, 2026-01-02T15:30:45Z",
    })
    void parsesOpenSshAbsoluteTimes(String text, String expected) {
        assertThat(ExpiryTimes.parse(text, ZoneId.of("Europe/Berlin"))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026", "2026010", "202601021", "20261301", "20260230", "2026010225", "Z", "+1d"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> ExpiryTimes.parse(text, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("YYYYMMDD");
    }
}
