package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.AuthToken;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

class TokenTest {

    private static final OpenSshKeyPair PAIR = OpenSshKeyPair.parse(Fixtures.bytes("user.key"));
    private static final TokenVerifier VERIFIER = new TokenVerifier(List.of(PAIR.publicKey()),
            TokenVerifier.DEFAULT_WINDOW, Fixtures.CLOCK);

    private static TokenFailure failure(TokenResult result) {
        assertThat(result).isInstanceOf(TokenResult.Invalid.class);
        return ((TokenResult.Invalid) result).reason();
    }

    @Test
    void signsTheSpecWireFormat() throws Exception {
        try (TokenSigner signer = TokenSigner.of(PAIR, Fixtures.CLOCK)) {
            AuthToken token = signer.sign();

            byte[] raw = Arrays.copyOfRange(PAIR.publicKey().blob(), 19, 51);
            assertThat(token.keyId()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(raw));
            assertThat(token.timestampSeconds()).isEqualTo(Fixtures.NOW.getEpochSecond());
            assertThat(Ed25519.verify(token.signature(), 0, raw, 0, token.signedBytes(), 0, 40)).isTrue();
            assertThat(token.encode()).hasSize(139);
            assertThat(signer.keyId()).isEqualTo(token.keyId());
        }
    }

    @Test
    void verifiesItsOwnTokensAndNamesTheKey() {
        try (TokenSigner signer = TokenSigner.of(PAIR, Fixtures.CLOCK)) {
            TokenResult result = VERIFIER.verify(AuthToken.parse(signer.sign().encode()));

            assertThat(result).isEqualTo(new TokenResult.Valid(PAIR.publicKey(), Fixtures.NOW));
        }
    }

    @Test
    void acceptsTheWholeWindowAndNothingBeyond() {
        try (TokenSigner signer = TokenSigner.of(PAIR)) {
            assertThat(VERIFIER.verify(signer.sign(Fixtures.NOW.minusSeconds(300))).isValid()).isTrue();
            assertThat(VERIFIER.verify(signer.sign(Fixtures.NOW.plusSeconds(300))).isValid()).isTrue();
            assertThat(failure(VERIFIER.verify(signer.sign(Fixtures.NOW.minusSeconds(301)))))
                    .isEqualTo(TokenFailure.TOO_OLD);
            assertThat(failure(VERIFIER.verify(signer.sign(Fixtures.NOW.plusSeconds(301)))))
                    .isEqualTo(TokenFailure.FROM_THE_FUTURE);
        }
    }

    @Test
    void theWindowIsConfigurable() {
        TokenVerifier strict = new TokenVerifier(List.of(PAIR.publicKey()), Duration.ofSeconds(10), Fixtures.CLOCK);
        try (TokenSigner signer = TokenSigner.of(PAIR)) {
            assertThat(failure(strict.verify(signer.sign(Fixtures.NOW.minusSeconds(11)))))
                    .isEqualTo(TokenFailure.TOO_OLD);
        }
    }

    @Test
    void extremeTimestampsDoNotOverflow() {
        byte[] keyId;
        try (TokenSigner signer = TokenSigner.of(PAIR)) {
            keyId = signer.keyId();
        }
        for (long timestamp : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1}) {
            AuthToken forged = AuthToken.of(keyId, timestamp, new byte[AuthToken.SIGNATURE_LENGTH]);
            assertThat(failure(VERIFIER.verify(forged))).isEqualTo(TokenFailure.BAD_SIGNATURE);
        }
        TokenVerifier open = new TokenVerifier(List.of(PAIR.publicKey()), Duration.ofSeconds(Long.MAX_VALUE),
                Fixtures.CLOCK);
        try (TokenSigner signer = TokenSigner.of(PAIR)) {
            for (Instant extreme : new Instant[] {Instant.MAX, Instant.MIN}) {
                assertThat(open.verify(signer.sign(extreme)).isValid()).isTrue();
            }
            assertThat(failure(VERIFIER.verify(signer.sign(Instant.MAX)))).isEqualTo(TokenFailure.FROM_THE_FUTURE);
            assertThat(failure(VERIFIER.verify(signer.sign(Instant.MIN)))).isEqualTo(TokenFailure.TOO_OLD);
        }
    }

    @Test
    void rejectsTokensOfUnknownKeys() {
        TokenVerifier other = new TokenVerifier(List.of(Fixtures.publicKey("ca.pub")), TokenVerifier.DEFAULT_WINDOW,
                Fixtures.CLOCK);
        try (TokenSigner signer = TokenSigner.of(PAIR, Fixtures.CLOCK)) {
            assertThat(failure(other.verify(signer.sign()))).isEqualTo(TokenFailure.UNKNOWN_KEY);
        }
    }

    @Test
    void rejectsASignatureByAnotherKeyUnderThisKeyId() {
        OpenSshKeyPair intruder = OpenSshKeyPair.generateEd25519("intruder");
        try (TokenSigner mine = TokenSigner.of(PAIR, Fixtures.CLOCK);
                TokenSigner theirs = TokenSigner.of(intruder, Fixtures.CLOCK)) {
            AuthToken forged = AuthToken.of(mine.keyId(), Fixtures.NOW.getEpochSecond(), theirs.sign().signature());

            assertThat(failure(VERIFIER.verify(forged))).isEqualTo(TokenFailure.BAD_SIGNATURE);
        }
    }

    @Test
    void onlyEd25519KeysCanSignOrVerify() {
        OpenSshKeyPair ecdsa = OpenSshKeyPair.parse(Fixtures.bytes("ecdsa256.key"));

        assertThatThrownBy(() -> TokenSigner.of(ecdsa))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("Ed25519");
        assertThat(new TokenVerifier(List.of(ecdsa.publicKey(), PAIR.publicKey())).keyCount()).isEqualTo(1);
    }

    @Test
    void aClosedSignerRefusesToSign() {
        TokenSigner signer = TokenSigner.of(PAIR, Fixtures.CLOCK);
        signer.close();

        assertThatThrownBy(signer::sign).isInstanceOf(IllegalStateException.class);
        assertThat(signer.toString()).isEqualTo("TokenSigner[private key redacted]");
    }
}
