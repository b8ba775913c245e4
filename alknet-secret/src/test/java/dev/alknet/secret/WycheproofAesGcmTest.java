package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.secret.internal.Bytes;
import dev.alknet.secret.internal.Gcm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Wycheproof aes_gcm_test.json against the primitive {@link Encryption} is built on. */
class WycheproofAesGcmTest {

    static List<Arguments> cases(boolean standardIv) {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode group : Vectors.load("/wycheproof/aes_gcm_test.json").get("testGroups")) {
            if ((group.get("ivSize").asInt() == 96 && group.get("tagSize").asInt() == 128) == standardIv) {
                for (JsonNode test : group.get("tests")) {
                    out.add(Arguments.of(test.get("tcId").asInt() + " " + test.get("comment").asString(), test));
                }
            }
        }
        return out;
    }

    static List<Arguments> standardIvCases() {
        return cases(true);
    }

    static List<Arguments> otherIvCases() {
        return cases(false);
    }

    @ParameterizedTest(name = "tcId {0}")
    @MethodSource("standardIvCases")
    void case96BitIv128BitTag(String name, JsonNode test) {
        byte[] key = Vectors.hex(test.get("key"));
        byte[] iv = Vectors.hex(test.get("iv"));
        byte[] aad = Vectors.hex(test.get("aad"));
        byte[] msg = Vectors.hex(test.get("msg"));
        byte[] sealed = Bytes.concat(Vectors.hex(test.get("ct")), Vectors.hex(test.get("tag")));

        switch (test.get("result").asString()) {
            case "valid" -> {
                assertThat(Gcm.open(key, iv, aad, sealed)).isEqualTo(msg);
                assertThat(Gcm.seal(key, iv, aad, msg)).isEqualTo(sealed);
            }
            case "invalid" -> assertThatThrownBy(() -> Gcm.open(key, iv, aad, sealed))
                    .isInstanceOf(SecretException.class)
                    .satisfies(e -> assertThat(((SecretException) e).error()).isEqualTo(SecretError.DECRYPTION_FAILED));
            default -> throw new AssertionError("unexpected result " + test.get("result"));
        }
    }

    @ParameterizedTest(name = "tcId {0}")
    @MethodSource("otherIvCases")
    void otherIvSizesAreRefusedNotProcessed(String name, JsonNode test) {
        byte[] key = Vectors.hex(test.get("key"));
        byte[] iv = Vectors.hex(test.get("iv"));
        assertThatThrownBy(() -> Gcm.open(key, iv, new byte[0], new byte[16]))
                .hasMessageContaining("the AES-GCM IV is 12 bytes, not " + iv.length);
    }

    @Test
    void everyStandardCaseIsRun() {
        assertThat(standardIvCases()).hasSize(197);
    }
}
