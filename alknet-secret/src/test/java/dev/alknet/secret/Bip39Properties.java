package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.secret.internal.WordList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class Bip39Properties {

    @Provide
    Arbitrary<byte[]> entropy() {
        return Arbitraries.of(16, 20, 24, 28, 32)
                .flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    }

    @Property
    void entropyRoundTrips(@ForAll("entropy") byte[] entropy) {
        String mnemonic = Bip39.fromEntropy(entropy);
        assertThat(Bip39.toEntropy(mnemonic)).isEqualTo(entropy);
        assertThat(mnemonic.split(" ")).hasSize(entropy.length * 3 / 4);
    }

    @Property
    void replacingOneWordIsCaughtOrGivesOtherEntropy(@ForAll("entropy") byte[] entropy,
            @ForAll @IntRange(min = 0, max = 23) int position, @ForAll @IntRange(min = 0, max = 2047) int word) {
        List<String> words = new ArrayList<>(Arrays.asList(Bip39.fromEntropy(entropy).split(" ")));
        int at = position % words.size();
        String replacement = WordList.ENGLISH.word(word);
        boolean changed = !words.get(at).equals(replacement);
        words.set(at, replacement);
        String edited = String.join(" ", words);
        try {
            byte[] decoded = Bip39.toEntropy(edited);
            assertThat(Arrays.equals(decoded, entropy)).isEqualTo(!changed);
        } catch (SecretException e) {
            assertThat(changed).isTrue();
            assertThat(e.getMessage()).contains("checksum does not match");
        }
    }

    @Property
    void arbitraryTextNeverDecodesSilentlyToGarbage(@ForAll String text) {
        try {
            byte[] entropy = Bip39.toEntropy(text);
            assertThat(Bip39.fromEntropy(entropy)).isEqualTo(Bip39.validate(text));
        } catch (SecretException e) {
            assertThat(e.error()).isEqualTo(SecretError.INVALID_MNEMONIC);
        }
    }

    @Property
    void wordCountsOutsideTheStandardAreRejected(@ForAll @IntRange(min = 1, max = 40) int count) {
        Assume.that(!Bip39.WORD_COUNTS.contains(count));
        String text = String.join(" ", Collections.nCopies(count, "abandon"));
        assertThatThrownBy(() -> Bip39.validate(text)).hasMessageContaining("this one has " + count);
    }
}
