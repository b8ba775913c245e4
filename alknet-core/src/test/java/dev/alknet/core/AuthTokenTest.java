package dev.alknet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AuthTokenTest {

    @Test
    void roundTripsItsParts() {
        byte[] keyId = filled(32, 1);
        byte[] signature = filled(64, 2);
        AuthToken token = AuthToken.of(keyId, 1_700_000_000L, signature);

        String text = token.encode();
        assertThat(text).hasSize(139).doesNotContain("=", "+", "/");
        AuthToken parsed = AuthToken.parse(text);
        assertThat(parsed).isEqualTo(token);
        assertThat(parsed.keyId()).isEqualTo(keyId);
        assertThat(parsed.timestampSeconds()).isEqualTo(1_700_000_000L);
        assertThat(parsed.signature()).isEqualTo(signature);
        assertThat(parsed.signedBytes()).isEqualTo(AuthToken.signedBytes(keyId, 1_700_000_000L));
    }

    @Test
    void neverShowsItselfInText() {
        AuthToken token = AuthToken.of(filled(32, 7), 5, filled(64, 9));
        assertThat(token.toString()).isEqualTo("AuthToken[redacted]").doesNotContain(token.encode());
    }

    @Test
    void destroyZeroesTheBytes() {
        AuthToken token = AuthToken.of(filled(32, 7), 5, filled(64, 9));
        token.destroy();
        assertThat(token.toBytes()).containsOnly(0);
    }

    @Test
    void rejectsTextThatIsNotBase64UrlWithoutEchoingIt() {
        assertThatThrownBy(() -> AuthToken.parse("not a token!!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth token is not unpadded base64url");
    }

    @Property
    void anyWrongLengthIsRejectedWithTheLength(@ForAll @Size(max = 300) byte[] raw) {
        if (raw.length == AuthToken.LENGTH) {
            assertThat(AuthToken.fromBytes(raw).toBytes()).isEqualTo(raw);
        } else {
            assertThatThrownBy(() -> AuthToken.fromBytes(raw))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("got " + raw.length);
        }
    }

    @Property
    void anyTextEitherParsesOrFailsWithIllegalArgument(@ForAll String text) {
        try {
            assertThat(AuthToken.parse(text).toBytes()).hasSize(AuthToken.LENGTH);
        } catch (IllegalArgumentException expected) {
            // One of two fixed messages, so it never repeats the text (a short text may occur in them by chance).
            assertThat(expected.getMessage()).matches("auth token is not unpadded base64url|auth token must decode to "
                    + AuthToken.LENGTH + " bytes \\(key id, timestamp, signature\\), got \\d+");
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
