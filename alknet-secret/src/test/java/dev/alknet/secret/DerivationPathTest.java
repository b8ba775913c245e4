package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerivationPathTest {

    @Test
    void parsesHardenedMarksAlike() {
        DerivationPath expected = new DerivationPath(List.of(DerivationPath.hardened(44), DerivationPath.hardened(60),
                DerivationPath.hardened(0), 0, 0));
        assertThat(DerivationPath.parse("m/44'/60'/0'/0/0")).isEqualTo(expected);
        assertThat(DerivationPath.parse("m/44H/60h/0'/0/0")).isEqualTo(expected);
        assertThat(expected.toString()).isEqualTo("m/44'/60'/0'/0/0");
        assertThat(DerivationPath.parse("m")).isEqualTo(DerivationPath.ROOT);
        assertThat(DerivationPath.parse("m/2147483647'").indices()).containsExactly(0xFFFF_FFFF);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "M/0'              | starts with \"m\", not \"M\"",
        "/0'               | starts with \"m\", not \"\"",
        "m/                | component 1 \"\" is not an index",
        "m//1              | component 1 \"\" is not an index",
        "m/1/x             | component 2 \"x\" is not an index",
        "m/-1              | component 1 \"-1\" is not an index",
        "m/1''             | component 1 \"1''\" is not an index",
        "m/01              | component 1 \"01\" has a leading zero",
        "m/2147483648      | component 1 \"2147483648\" is out of range",
        "m/99999999999999' | component 1 \"99999999999999'\" is out of range",
    })
    void rejectsMalformedPathsNamingTheComponent(String text, String message) {
        assertThatThrownBy(() -> DerivationPath.parse(text))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SecretException) e).error()).isEqualTo(SecretError.INVALID_PATH));
    }

    @Test
    void depthIsLimitedToOneByte() {
        String deep = "m" + "/0".repeat(256);
        assertThatThrownBy(() -> DerivationPath.parse(deep)).hasMessageContaining("at most 255 levels");
    }

    @Test
    void hardenedRejectsNegativeIndices() {
        assertThatThrownBy(() -> DerivationPath.hardened(-1)).hasMessageContaining("not 4294967295");
    }
}
