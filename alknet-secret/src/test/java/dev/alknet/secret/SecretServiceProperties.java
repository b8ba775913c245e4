package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class SecretServiceProperties {

    @Property(tries = 200)
    void arbitraryMnemonicTextLeavesTheServiceLockedWithANamedError(@ForAll String text) {
        try (SecretService service = new SecretService()) {
            try {
                service.unlock(text, "");
                assertThat(Bip39.validate(text)).isNotEmpty();
                assertThat(service.isLocked()).isFalse();
            } catch (SecretException e) {
                assertThat(e.error()).isEqualTo(SecretError.INVALID_MNEMONIC);
                assertThat(service.isLocked()).isTrue();
            }
        }
    }

    @Property(tries = 200)
    void arbitraryPathTextIsParsedOrRefusedNeverDerivedWrongly(@ForAll String text) {
        try (SecretService service = new SecretService()) {
            service.unlock(AlknetPathsTest.ABANDON, "");
            try {
                DerivationPath path = DerivationPath.parse(text);
                DerivedKey key = service.deriveEthereumKey(path);
                assertThat(key.privateKey()).isEqualTo(
                        Slip10.derive(Curve.SECP256K1, Bip39.seed(AlknetPathsTest.ABANDON, ""), path).privateKey());
            } catch (SecretException e) {
                assertThat(e.error()).isEqualTo(SecretError.INVALID_PATH);
            }
        }
    }
}
