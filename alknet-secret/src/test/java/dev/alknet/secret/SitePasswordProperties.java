package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SitePasswordProperties {

    @Property
    void deterministicOfTheRequestedLengthAndAlphabet(@ForAll @Size(value = 32) byte[] key,
            @ForAll @IntRange(min = 1, max = 200) int length) {
        char[] password = SitePassword.derive(key, length, SitePassword.DEFAULT_ALPHABET);
        assertThat(password).hasSize(length);
        assertThat(new String(password).chars()).allMatch(c -> SitePassword.DEFAULT_ALPHABET.indexOf(c) >= 0);
        assertThat(SitePassword.derive(key, length, SitePassword.DEFAULT_ALPHABET)).isEqualTo(password);
    }
}
