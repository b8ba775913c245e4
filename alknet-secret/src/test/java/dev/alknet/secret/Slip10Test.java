package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class Slip10Test {

    /** One argument set per "* Chain" entry of every vector in slip-0010.md. */
    static List<Arguments> chains() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode vector : Vectors.load("/slip10/slip-0010-vectors.json").get("vectors")) {
            for (JsonNode chain : vector.get("chains")) {
                out.add(Arguments.of(vector.get("name").asString() + " " + chain.get("path").asString(),
                        vector.get("curve").asString(), vector.get("seed").asString(), chain));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void publishedVector(String name, String curveName, String seedHex, JsonNode chain) {
        Curve curve = Curve.valueOf(curveName.toUpperCase(Locale.ROOT));
        DerivationPath path = DerivationPath.parse(chain.get("path").asString());

        ExtendedKey key = Slip10.derive(curve, HexFormat.of().parseHex(seedHex), path);

        assertThat(Vectors.hex(key.chainCode())).isEqualTo(chain.get("chainCode").asString());
        assertThat(Vectors.hex(key.privateKey())).isEqualTo(chain.get("private").asString());
        assertThat(Vectors.hex(key.publicKey())).isEqualTo(chain.get("public").asString());
        assertThat(key.depth()).isEqualTo(path.depth());
        assertThat(key.parentFingerprint()).isEqualTo(path.depth() == 0 ? OptionalInt.of(0) : OptionalInt.empty());

        ExtendedKey stepwise = Slip10.master(curve, HexFormat.of().parseHex(seedHex));
        for (int childNumber : path.indices()) {
            stepwise = stepwise.child(childNumber);
        }
        assertThat(stepwise.privateKey()).isEqualTo(key.privateKey());
        assertThat(String.format("%08x", stepwise.parentFingerprint().orElseThrow()))
                .isEqualTo(chain.get("fingerprint").asString());
    }

    @Test
    void everyPublishedVectorForTheThreeCurvesIsVendored() {
        assertThat(chains()).hasSize(40);
    }

    @Test
    void ed25519RefusesNonHardenedChildren() {
        ExtendedKey master = Slip10.master(Curve.ED25519, new byte[16]);
        assertThatThrownBy(() -> master.derive(DerivationPath.parse("m/0'/1")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("hardened only")
                .hasMessageContaining("index 1 at depth 2 must be written 1'");
    }

    @Test
    void seedLengthIsChecked() {
        assertThatThrownBy(() -> Slip10.master(Curve.SECP256K1, new byte[15])).hasMessageContaining("not 15");
        assertThatThrownBy(() -> Slip10.master(Curve.SECP256K1, new byte[65])).hasMessageContaining("not 65");
    }

    @Test
    void destroyedKeyCannotBeUsedAndToStringRedacts() {
        ExtendedKey key = Slip10.master(Curve.ED25519, new byte[32]);
        assertThat(key.toString()).doesNotContain(Vectors.hex(key.privateKey())).contains("redacted");
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(key::privateKey).hasMessageContaining("destroyed");
    }
}
