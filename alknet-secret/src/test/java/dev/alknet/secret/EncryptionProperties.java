package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.secret.internal.ChunkedGcm;
import java.security.SecureRandom;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class EncryptionProperties {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Property
    void roundTripsAnyBytesAndVersion(@ForAll @Size(max = 300) byte[] plaintext,
            @ForAll @IntRange(min = 1) int version, @ForAll @Size(value = 32) byte[] key) {
        EncryptedData sealed = Encryption.encrypt(key, version, plaintext);
        assertThat(sealed.keyVersion()).isEqualTo(version);
        assertThat(Encryption.decrypt(key, EncryptedData.fromJson(sealed.toJson()))).isEqualTo(plaintext);
        assertThat(Encryption.decrypt(key, EncryptedData.fromBytes(sealed.toBytes()))).isEqualTo(plaintext);
    }

    @Property
    void anySingleBitFlipIsRejected(@ForAll @Size(max = 100) byte[] plaintext, @ForAll @IntRange(min = 1) int version,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
        byte[] bytes = Encryption.encrypt(EncryptionTest.KEY, version, plaintext).toBytes();
        int bit = position % (bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> Encryption.decrypt(EncryptionTest.KEY, EncryptedData.fromBytes(bytes)))
                .isInstanceOf(SecretException.class);
    }

    /** Small chunk sizes walk the multi-chunk paths that 64 KiB chunks only reach with large payloads. */
    @Property
    void chunkedRoundTripAtAnyChunkSize(@ForAll @Size(max = 200) byte[] plaintext,
            @ForAll @IntRange(min = 1, max = 40) int chunkSize) {
        byte[] iv = freshIv();
        byte[] header = {1, 2, 3};
        byte[] sealed = ChunkedGcm.seal(EncryptionTest.KEY, iv, header, plaintext, chunkSize);
        assertThat(sealed).hasSize((int) ChunkedGcm.sealedLength(plaintext.length, chunkSize));
        assertThat(ChunkedGcm.open(EncryptionTest.KEY, iv, header, sealed, chunkSize)).isEqualTo(plaintext);
    }

    @Property
    void chunkedPayloadCutAnywhereIsRejected(@ForAll @Size(min = 1, max = 200) byte[] plaintext,
            @ForAll @IntRange(min = 1, max = 40) int chunkSize, @ForAll @IntRange(min = 0) int cut) {
        byte[] iv = freshIv();
        byte[] sealed = ChunkedGcm.seal(EncryptionTest.KEY, iv, new byte[0], plaintext, chunkSize);
        byte[] shorter = Arrays.copyOf(sealed, cut % sealed.length);
        assertThatThrownBy(() -> ChunkedGcm.open(EncryptionTest.KEY, iv, new byte[0], shorter, chunkSize))
                .isInstanceOf(SecretException.class);
    }

    /** The JDK cipher refuses to encrypt twice in a row with one key and IV, so each try takes a fresh IV. */
    private static byte[] freshIv() {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        return iv;
    }

    @Property
    void arbitraryBinaryNeverDecryptsToGarbage(@ForAll @Size(max = 120) byte[] bytes) {
        assertThatThrownBy(() -> Encryption.decrypt(EncryptionTest.KEY, EncryptedData.fromBytes(bytes)))
                .isInstanceOf(SecretException.class);
    }

    @Property
    void arbitraryJsonTextIsRejectedWithMalformedData(@ForAll String text) {
        assertThatThrownBy(() -> EncryptedData.fromJson(text)).isInstanceOf(SecretException.class)
                .satisfies(e -> assertThat(((SecretException) e).error()).isEqualTo(SecretError.MALFORMED_DATA));
    }
}
