package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Malformed keys, certificates and private key files fail only with {@link KeyFormatException}. */
class KeyParsingProperties {

    private static final List<String> PUBLIC_LINES = List.of("user.pub", "ecdsa256.pub", "rsa3072.pub", "ca.pub")
            .stream().map(Fixtures::text).toList();
    private static final List<String> CERT_LINES = List.of("cert-valid.pub", "cert-rsa-ca.pub",
            "cert-source-address.pub").stream().map(Fixtures::text).toList();
    private static final List<byte[]> PRIVATE_FILES = List.of("user.key", "ecdsa256.key", "rsa3072.key")
            .stream().map(Fixtures::bytes).toList();

    @Property
    void randomLinesAreRejectedCleanly(@ForAll @Size(max = 300) String line) {
        assertOnlyKeyFormatException(() -> OpenSshPublicKey.parse(line));
        assertOnlyKeyFormatException(() -> SshCertificate.parse(line));
    }

    @Property
    void mutatedKeyLinesParseOrFailCleanly(@ForAll("mutatedPublicLines") String line) {
        assertOnlyKeyFormatException(() -> OpenSshPublicKey.parse(line));
    }

    @Property
    void mutatedCertificateLinesParseOrFailCleanly(@ForAll("mutatedCertificateLines") String line) {
        assertOnlyKeyFormatException(() -> SshCertificate.parse(line));
    }

    @Property
    void randomBytesAsKeyOrCertificateBlobsFailCleanly(@ForAll @Size(max = 600) byte[] blob) {
        assertThatThrownBy(() -> OpenSshPublicKey.fromBlob(blob)).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> SshCertificate.fromBlob(blob)).isInstanceOf(KeyFormatException.class);
    }

    @Property
    void corruptedBlobsParseOrFailCleanly(@ForAll("corruptedBlobs") byte[] blob) {
        assertOnlyKeyFormatException(() -> OpenSshPublicKey.fromBlob(blob));
        assertOnlyKeyFormatException(() -> SshCertificate.fromBlob(blob));
    }

    @Property
    void randomPrivateKeyFilesFailCleanly(@ForAll @Size(max = 600) byte[] content) {
        assertThatThrownBy(() -> OpenSshKeyPair.parse(content)).isInstanceOf(KeyFormatException.class);
    }

    @Property(tries = 300)
    void corruptedPrivateKeyFilesParseOrFailCleanly(@ForAll("corruptedPrivateFiles") byte[] content) {
        assertOnlyKeyFormatException(() -> OpenSshKeyPair.parse(content));
    }

    @Provide
    Arbitrary<String> mutatedPublicLines() {
        return mutate(Arbitraries.of(PUBLIC_LINES));
    }

    @Provide
    Arbitrary<String> mutatedCertificateLines() {
        return mutate(Arbitraries.of(CERT_LINES));
    }

    @Provide
    Arbitrary<byte[]> corruptedBlobs() {
        Arbitrary<byte[]> valid = Arbitraries.of(PUBLIC_LINES.get(0), PUBLIC_LINES.get(1), CERT_LINES.get(0),
                CERT_LINES.get(1)).map(line -> Base64.getDecoder().decode(line.split(" ")[1]));
        return corrupt(valid);
    }

    @Provide
    Arbitrary<byte[]> corruptedPrivateFiles() {
        return corrupt(Arbitraries.of(PRIVATE_FILES));
    }

    /** Replaces, deletes or inserts a character at a random position. */
    static Arbitrary<String> mutate(Arbitrary<String> lines) {
        return Combinators.combine(lines, Arbitraries.integers().between(0, 10_000), Arbitraries.chars(),
                Arbitraries.integers().between(0, 2)).as((line, at, c, kind) -> {
                    int i = at % line.length();
                    return switch (kind) {
                        case 0 -> line.substring(0, i) + c + line.substring(i + 1);
                        case 1 -> line.substring(0, i) + line.substring(i + 1);
                        default -> line.substring(0, i) + c + line.substring(i);
                    };
                });
    }

    /** Flips a bit, truncates, or overwrites a 4-byte length field with a random value. */
    static Arbitrary<byte[]> corrupt(Arbitrary<byte[]> blobs) {
        return Combinators.combine(blobs, Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers(), Arbitraries.integers().between(0, 2)).as((blob, at, value, kind) -> {
                    byte[] out = blob.clone();
                    int i = at % out.length;
                    switch (kind) {
                        case 0 -> out[i] ^= (byte) (1 << (at % 8));
                        case 1 -> out = Arrays.copyOf(out, i);
                        default -> {
                            for (int b = 0; b < 4 && i + b < out.length; b++) {
                                out[i + b] = (byte) (value >>> (24 - 8 * b));
                            }
                        }
                    }
                    return out;
                });
    }

    static void assertOnlyKeyFormatException(ThrowingCallable parse) {
        try {
            parse.call();
        } catch (KeyFormatException e) {
            assertThatCode(() -> e.getMessage().getBytes(StandardCharsets.UTF_8)).doesNotThrowAnyException();
            if (e.getMessage().isBlank()) {
                throw new AssertionError("blank message", e);
            }
        } catch (Throwable t) {
            throw new AssertionError("expected only KeyFormatException, got " + t, t);
        }
    }
}
