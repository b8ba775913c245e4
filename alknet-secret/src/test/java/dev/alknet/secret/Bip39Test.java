package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class Bip39Test {

    static Stream<JsonNode> englishVectors() {
        return StreamSupport.stream(Vectors.load("/bip39/vectors.json").get("english").spliterator(), false);
    }

    @ParameterizedTest
    @MethodSource("englishVectors")
    void trezorVector(JsonNode vector) throws Exception {
        byte[] entropy = Vectors.hex(vector.get(0));
        String mnemonic = vector.get(1).asString();

        assertThat(Bip39.fromEntropy(entropy)).isEqualTo(mnemonic);
        assertThat(Bip39.toEntropy(mnemonic)).isEqualTo(entropy);
        byte[] seed = Bip39.seed(mnemonic, "TREZOR");
        assertThat(Vectors.hex(seed)).isEqualTo(vector.get(2).asString());

        // The fourth field is the BIP32 root key of that seed: version, depth, parent, child, chain code, 0x00 key.
        byte[] xprv = base58Check(vector.get(3).asString());
        ExtendedKey master = Slip10.master(Curve.SECP256K1, seed);
        assertThat(xprv).hasSize(78);
        assertThat(Arrays.copyOfRange(xprv, 13, 45)).isEqualTo(master.chainCode());
        assertThat(Arrays.copyOfRange(xprv, 46, 78)).isEqualTo(master.privateKey());
    }

    /** Base58Check as BIP32 serialises keys; the checksum is verified so a typo in the vector cannot pass. */
    static byte[] base58Check(String text) throws Exception {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        BigInteger value = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            value = value.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(alphabet.indexOf(c)));
        }
        byte[] raw = value.toByteArray();
        byte[] bytes = Arrays.copyOfRange(raw, raw.length - 82, raw.length);
        byte[] payload = Arrays.copyOf(bytes, 78);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] check = sha.digest(sha.digest(payload));
        assertThat(Arrays.copyOfRange(bytes, 78, 82)).isEqualTo(Arrays.copyOf(check, 4));
        return payload;
    }

    @Test
    void allTwentyFourEnglishVectorsAreVendored() {
        assertThat(englishVectors()).hasSize(24);
    }

    @Test
    void wordListIsTheOneFromTheBip() throws IOException, Exception {
        try (InputStream in = Bip39.class.getResourceAsStream("/dev/alknet/secret/bip39-english.txt")) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertThat(HexFormat.of().formatHex(digest))
                    .isEqualTo("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda");
        }
    }

    @Test
    void unknownWordIsNamedWithItsPosition() {
        assertThatThrownBy(() -> Bip39.validate(
                "abandon abandon abandonn abandon abandon abandon abandon abandon abandon abandon abandon about"))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("word 3 \"abandonn\" is not in the BIP39 English word list")
                .satisfies(e -> assertThat(((SecretException) e).error()).isEqualTo(SecretError.INVALID_MNEMONIC));
    }

    @Test
    void checksumFailureIsReported() {
        assertThatThrownBy(() -> Bip39.validate(
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"))
                .hasMessageContaining("checksum does not match");
    }

    @Test
    void wrongWordCountIsReported() {
        assertThatThrownBy(() -> Bip39.validate("abandon abandon about"))
                .hasMessageContaining("12, 15, 18, 21 or 24 words, this one has 3");
        assertThatThrownBy(() -> Bip39.validate("   "))
                .hasMessageContaining("this one has 0");
    }

    @Test
    void spacingAndCaseDoNotChangeTheSeed() {
        String canonical = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
        String messy = "  Abandon\tabandon abandon\nabandon abandon  abandon abandon abandon abandon abandon ABANDON about ";
        assertThat(Bip39.validate(messy)).isEqualTo(canonical);
        assertThat(Bip39.seed(messy, "TREZOR")).isEqualTo(Bip39.seed(canonical, "TREZOR"));
    }

    @Test
    void passphraseIsNfkdNormalised() {
        String mnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
        // U+00E9 (composed) and e + U+0301 (decomposed) are the same passphrase after NFKD.
        assertThat(Bip39.seed(mnemonic, "caf\u00e9")).isEqualTo(Bip39.seed(mnemonic, "cafe\u0301"));
        assertThat(Bip39.seed(mnemonic, "")).isNotEqualTo(Bip39.seed(mnemonic, "TREZOR"));
    }

    @Test
    void generateGivesValidMnemonicsOfEveryLength() {
        SecureRandom random = new SecureRandom();
        for (int words : Bip39.WORD_COUNTS) {
            String mnemonic = Bip39.generate(words, random);
            assertThat(mnemonic.split(" ")).hasSize(words);
            assertThat(Bip39.validate(mnemonic)).isEqualTo(mnemonic);
        }
        assertThatThrownBy(() -> Bip39.generate(13, random)).hasMessageContaining("not 13");
    }

    @Test
    void entropyOfWrongLengthIsRejected() {
        assertThatThrownBy(() -> Bip39.fromEntropy(new byte[15])).hasMessageContaining("not 15");
        assertThatThrownBy(() -> Bip39.fromEntropy(new byte[33])).hasMessageContaining("not 33");
    }
}
