package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SitePasswordTest {
    static final byte[] KEY = new byte[32];

    @Test
    void rulesArePartOfTheStream() {
        char[] twenty = SitePassword.derive(KEY, 20, SitePassword.DEFAULT_ALPHABET);
        char[] sixteen = SitePassword.derive(KEY, 16, SitePassword.DEFAULT_ALPHABET);
        assertThat(Arrays.copyOf(twenty, 16)).isNotEqualTo(sixteen);
        assertThat(new String(SitePassword.derive(KEY, 20, "0123456789"))).matches("[0-9]{20}");
    }

    /**
     * With 100 characters, taking {@code b % 100} of every byte would make the first 56 characters 1.5x as likely
     * as the others (3/256 against 2/256): 65.6 % of draws instead of 56 %. The input is fixed, so this is a
     * deterministic check of rejection sampling, not a statistical gamble.
     */
    @Test
    void rejectionSamplingRemovesModuloBias() {
        StringBuilder alphabet = new StringBuilder();
        for (char c = 0x100; alphabet.length() < 100; c++) {
            alphabet.append(c);
        }
        long low = 0;
        long total = 0;
        for (int k = 0; k < 100; k++) {
            byte[] key = new byte[32];
            key[0] = (byte) k;
            for (char c : SitePassword.derive(key, SitePassword.MAX_LENGTH, alphabet.toString())) {
                low += alphabet.indexOf(String.valueOf(c)) < 56 ? 1 : 0;
                total++;
            }
        }
        assertThat((double) low / total).isBetween(0.55, 0.57);
    }

    @Test
    void badRulesAreRefused() {
        assertThatThrownBy(() -> SitePassword.derive(KEY, 0, "ab")).hasMessageContaining("not 0");
        assertThatThrownBy(() -> SitePassword.derive(KEY, 1025, "ab")).hasMessageContaining("not 1025");
        assertThatThrownBy(() -> SitePassword.derive(KEY, 8, "a")).hasMessageContaining("2 to 256 characters");
        assertThatThrownBy(() -> SitePassword.derive(KEY, 8, "abca")).hasMessageContaining("each character once");
        assertThatThrownBy(() -> SitePassword.derive(KEY, 8, "ab\n")).hasMessageContaining("printable");
    }
}
