package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SealedSeedProperties {
    private static final char[] PASSPHRASE = SealedSeedTest.PASSPHRASE;
    private static final SealedSeed.Params CHEAP = SealedSeedTest.CHEAP;

    @Property(tries = 40)
    void anySingleBitFlipIsRejected(@ForAll @Size(value = 64) byte[] seed,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
        byte[] sealed = SealedSeed.seal(seed, PASSPHRASE, CHEAP);
        int bit = position % (sealed.length * 8);
        sealed[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> SealedSeed.open(sealed, PASSPHRASE)).isInstanceOf(SecretException.class);
    }

    @Property(tries = 200)
    void arbitraryBytesAreNeverOpened(@ForAll @Size(max = 200) byte[] bytes) {
        assertThatThrownBy(() -> SealedSeed.open(bytes, PASSPHRASE)).isInstanceOf(SecretException.class);
    }
}
