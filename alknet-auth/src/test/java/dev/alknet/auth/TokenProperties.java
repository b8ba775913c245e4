package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.AuthToken;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TokenProperties {

    private static final OpenSshKeyPair PAIR = OpenSshKeyPair.parse(Fixtures.bytes("user.key"));
    private static final TokenVerifier VERIFIER = new TokenVerifier(List.of(PAIR.publicKey()),
            TokenVerifier.DEFAULT_WINDOW, Fixtures.CLOCK);
    private static final AuthToken VALID;

    static {
        try (TokenSigner signer = TokenSigner.of(PAIR, Fixtures.CLOCK)) {
            VALID = signer.sign();
        }
    }

    @Property(tries = 3000)
    void anyBitFlipInAValidTokenIsRejected(@ForAll @IntRange(min = 0, max = AuthToken.LENGTH * 8 - 1) int bit) {
        byte[] raw = VALID.toBytes();
        raw[bit / 8] ^= (byte) (1 << (bit % 8));

        assertThat(VERIFIER.verify(AuthToken.fromBytes(raw)).isValid()).as("bit %d", bit).isFalse();
    }

    @Property
    void randomTokensAreRejected(@ForAll @Size(value = AuthToken.LENGTH) byte[] raw) {
        assertThat(VERIFIER.verify(AuthToken.fromBytes(raw)).isValid()).isFalse();
    }

    @Property
    void randomTokensWithAKnownKeyIdFailTheSignature(@ForAll @Size(value = 72) byte[] rest) {
        byte[] raw = VALID.toBytes();
        System.arraycopy(rest, 0, raw, AuthToken.KEY_ID_LENGTH, rest.length);

        TokenResult result = VERIFIER.verify(AuthToken.fromBytes(raw));

        assertThat(result).isEqualTo(new TokenResult.Invalid(TokenFailure.BAD_SIGNATURE));
    }
}
