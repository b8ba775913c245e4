package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedSeedTest {
    /** The lowest cost the format allows keeps the tests fast; production uses {@link SealedSeed.Params#DEFAULT}. */
    static final SealedSeed.Params CHEAP = new SealedSeed.Params(10, 1, 1);
    static final char[] PASSPHRASE = "correct horse".toCharArray();

    @Test
    void fileRoundTripsAndIsOwnerOnly(@TempDir Path dir) throws Exception {
        byte[] seed = Bip39.seed(AlknetPathsTest.ABANDON, "TREZOR");
        Path file = dir.resolve("seed.sealed");
        SealedSeed.write(file, seed, PASSPHRASE, CHEAP);
        assertThat(SealedSeed.read(file, PASSPHRASE)).isEqualTo(seed);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllBytes(file)).hasSize(5 + 3 + 16 + 12 + 64 + 16);
    }

    @Test
    void wrongPassphraseIsReportedNotGarbage() {
        byte[] sealed = SealedSeed.seal(new byte[64], PASSPHRASE, CHEAP);
        assertThatThrownBy(() -> SealedSeed.open(sealed, "wrong".toCharArray()))
                .hasMessageContaining("wrong passphrase or a modified file");
    }

    @Test
    void headerBoundsRejectCostlyOrForeignFiles() {
        byte[] sealed = SealedSeed.seal(new byte[64], PASSPHRASE, CHEAP);
        sealed[5] = 30;
        assertThatThrownBy(() -> SealedSeed.open(sealed, PASSPHRASE))
                .hasMessageContaining("sealed seed header").hasMessageContaining("log2(N) 30");
        assertThatThrownBy(() -> SealedSeed.open(new byte[200], PASSPHRASE)).hasMessageContaining("not a sealed seed");
        assertThatThrownBy(() -> new SealedSeed.Params(17, 64, 2)).hasMessageContaining("r·p at most 64");
    }
}
