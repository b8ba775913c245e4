package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlknetPathsTest {
    static final String ABANDON =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    @Test
    void tableMatchesTheSpec() {
        assertThat(AlknetPaths.IDENTITY).hasToString("m/74'/0'/0'/0'");
        assertThat(AlknetPaths.worker(7)).hasToString("m/74'/0'/0'/7'");
        assertThat(AlknetPaths.SSH_HOST_KEY).hasToString("m/74'/0'/1'/0'");
        assertThat(AlknetPaths.ENCRYPTION_KEY).hasToString("m/74'/2'/0'/0'");
        assertThat(AlknetPaths.encryptionKey(2)).hasToString("m/74'/2'/0'/1'");
        assertThat(AlknetPaths.ETHEREUM).hasToString("m/44'/60'/0'/0/0");
        // printf github.com | sha256sum → 3aeb0024…; 0x3aeb0024 already has the top bit clear.
        assertThat(AlknetPaths.password("github.com")).hasToString("m/74'/1'/0'/" + 0x3aeb0024 + "'");
    }

    @Test
    void siteNamesAreNormalisedBeforeHashing() {
        int index = AlknetPaths.siteIndex("github.com");
        assertThat(AlknetPaths.siteIndex("  GitHub.COM ")).isEqualTo(index);
        assertThat(AlknetPaths.siteIndex("ｇｉｔｈｕｂ.com")).isEqualTo(index); // full-width letters fold under NFKC
        assertThat(AlknetPaths.siteIndex("gitlab.com")).isNotEqualTo(index);
        assertThatThrownBy(() -> AlknetPaths.siteIndex(" ")).hasMessageContaining("blank");
    }

    @Test
    void workerZeroWouldBeTheIdentityAndIsRefused() {
        assertThatThrownBy(() -> AlknetPaths.worker(0)).hasMessageContaining("start at 1");
        assertThatThrownBy(() -> AlknetPaths.encryptionKey(0)).hasMessageContaining("start at 1");
    }

    @Test
    void ethereumKeyOfTheAbandonMnemonicHasTheWellKnownAddress() {
        byte[] seed = Bip39.seed(ABANDON, "");
        ExtendedKey key = Slip10.derive(Curve.SECP256K1, seed, AlknetPaths.ETHEREUM);
        assertThat(EthereumAddress.of(key)).isEqualTo("0x9858EfFD232B4033E47d90003D41EC34EcaEda94");
    }

    @Test
    void eip55Examples() {
        for (String address : new String[] {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
            assertThat(EthereumAddress.checksummed(address.toLowerCase())).isEqualTo(address);
            assertThat(EthereumAddress.checksummed(address.substring(2).toUpperCase())).isEqualTo(address);
        }
        assertThatThrownBy(() -> EthereumAddress.checksummed("0x1234")).hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> EthereumAddress.of(Slip10.master(Curve.ED25519, new byte[16])))
                .hasMessageContaining("needs a secp256k1 key");
    }
}
