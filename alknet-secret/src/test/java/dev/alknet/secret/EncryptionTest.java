package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.secret.internal.Gcm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EncryptionTest {
    static final byte[] KEY = filled(32, 7);
    static final byte[] OTHER_KEY = filled(32, 8);

    @Test
    void smallMessageIsOneChunkShapedLikeTheSpec() {
        EncryptedData sealed = Encryption.encryptString(KEY, 1, "api-key-123");
        assertThat(sealed.salt()).hasSize(32);
        assertThat(sealed.iv()).hasSize(12);
        assertThat(sealed.data()).hasSize("api-key-123".length() + 16);
        assertThat(Encryption.decryptString(KEY, sealed)).isEqualTo("api-key-123");
        assertThat(Encryption.encryptString(KEY, 1, "api-key-123").iv()).isNotEqualTo(sealed.iv());
    }

    @Test
    void largePayloadIsChunkedAndRoundTrips() {
        byte[] payload = new byte[3 * Encryption.CHUNK_SIZE + 123];
        new Random(1).nextBytes(payload);
        EncryptedData sealed = Encryption.encrypt(KEY, 3, payload);
        assertThat(sealed.data()).hasSize(payload.length + 4 * 16);
        assertThat(Encryption.decrypt(KEY, sealed)).isEqualTo(payload);

        byte[] exact = Arrays.copyOf(payload, 2 * Encryption.CHUNK_SIZE);
        EncryptedData twoChunks = Encryption.encrypt(KEY, 3, exact);
        assertThat(twoChunks.data()).hasSize(exact.length + 2 * 16);
        assertThat(Encryption.decrypt(KEY, twoChunks)).isEqualTo(exact);
    }

    @Test
    void wrongKeyAndWrongVersionFailAuthentication() {
        EncryptedData sealed = Encryption.encryptString(KEY, 1, "secret");
        expectFailure(() -> Encryption.decrypt(OTHER_KEY, sealed), SecretError.DECRYPTION_FAILED);
        EncryptedData relabelled = EncryptedData.of(2, sealed.salt(), sealed.iv(), sealed.data());
        expectFailure(() -> Encryption.decrypt(KEY, relabelled), SecretError.DECRYPTION_FAILED);
    }

    @Test
    void truncatedDroppedOrReorderedChunksAreDetected() {
        int record = Encryption.CHUNK_SIZE + Gcm.TAG_BYTES;
        byte[] payload = new byte[3 * Encryption.CHUNK_SIZE];
        EncryptedData sealed = Encryption.encrypt(KEY, 1, payload);
        byte[] data = sealed.data();

        byte[] lastChunkDropped = Arrays.copyOf(data, 2 * record);
        expectFailure(() -> Encryption.decrypt(KEY, with(sealed, lastChunkDropped)), SecretError.DECRYPTION_FAILED);
        byte[] cutMidChunk = Arrays.copyOf(data, 2 * record + 10);
        expectFailure(() -> Encryption.decrypt(KEY, with(sealed, cutMidChunk)), SecretError.MALFORMED_DATA);
        byte[] swapped = data.clone();
        System.arraycopy(data, record, swapped, 0, record);
        System.arraycopy(data, 0, swapped, record, record);
        expectFailure(() -> Encryption.decrypt(KEY, with(sealed, swapped)), SecretError.DECRYPTION_FAILED);
        byte[] firstChunkAlone = Arrays.copyOf(data, record);
        expectFailure(() -> Encryption.decrypt(KEY, with(sealed, firstChunkAlone)), SecretError.DECRYPTION_FAILED);
    }

    @Test
    void jsonFormHasTheFourSpecFields() {
        EncryptedData sealed = Encryption.encryptString(KEY, 5, "token");
        String json = sealed.toJson();
        assertThat(json).startsWith("{\"key_version\":5,\"salt\":\"").contains("\"iv\":\"").contains("\"data\":\"");
        assertThat(EncryptedData.fromJson(json)).isEqualTo(sealed);
        assertThat(EncryptedData.fromBytes(sealed.toBytes())).isEqualTo(sealed);
        assertThat(sealed.toString()).doesNotContain(Base64.getEncoder().encodeToString(sealed.data()));
    }

    @Test
    void malformedJsonIsNamed() {
        String salt = Base64.getEncoder().encodeToString(new byte[32]);
        String iv = Base64.getEncoder().encodeToString(new byte[12]);
        String data = Base64.getEncoder().encodeToString(new byte[16]);
        malformed("[1]", "is an object");
        malformed("{", "not JSON");
        malformed("{\"salt\":\"" + salt + "\",\"iv\":\"" + iv + "\",\"data\":\"" + data + "\"}",
                "\"key_version\" is missing");
        malformed("{\"key_version\":1,\"salt\":\"" + salt + "\",\"iv\":\"" + iv + "\",\"data\":\"" + data
                + "\",\"x\":1}", "unknown field \"x\"");
        malformed("{\"key_version\":0,\"salt\":\"" + salt + "\",\"iv\":\"" + iv + "\",\"data\":\"" + data + "\"}",
                "key_version must be at least 1");
        malformed("{\"key_version\":1.5,\"salt\":\"" + salt + "\",\"iv\":\"" + iv + "\",\"data\":\"" + data + "\"}",
                "whole number");
        malformed("{\"key_version\":1,\"salt\":\"" + salt + "\",\"iv\":\"!!\",\"data\":\"" + data + "\"}",
                "\"iv\" is not valid base64");
        malformed("{\"key_version\":1,\"salt\":\"AAAA\",\"iv\":\"" + iv + "\",\"data\":\"" + data + "\"}",
                "salt is 32 bytes, not 3");
        malformed("{\"key_version\":1,\"salt\":\"" + salt + "\",\"iv\":\"" + iv + "\",\"data\":7}",
                "\"data\" is a base64 string");
        String valid = "{\"key_version\":1,\"salt\":\"" + salt + "\",\"iv\":\"" + iv + "\",\"data\":\"" + data + "\"}";
        assertThat(EncryptedData.fromJson(valid).keyVersion()).isEqualTo(1);
        malformed(valid.replace("{", "{\"key_version\":2,"), "not JSON: Duplicate");
        malformed(valid + " {}", "not JSON");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Encryption.encrypt(new byte[16], 1, new byte[1])).hasMessageContaining("not 16");
        assertThatThrownBy(() -> Encryption.encrypt(KEY, 0, new byte[1])).hasMessageContaining("start at 1");
        EncryptedData notText = Encryption.encrypt(KEY, 1, new byte[] {(byte) 0xff});
        expectFailure(() -> Encryption.decryptString(KEY, notText), SecretError.MALFORMED_DATA);
        assertThat(Encryption.decryptString(KEY, Encryption.encrypt(KEY, 1, "é".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("é");
    }

    static EncryptedData with(EncryptedData base, byte[] data) {
        return EncryptedData.of(base.keyVersion(), base.salt(), base.iv(), data);
    }

    static void expectFailure(ThrowingCallable call, SecretError error) {
        assertThatThrownBy(call).isInstanceOf(SecretException.class)
                .satisfies(e -> assertThat(((SecretException) e).error()).isEqualTo(error));
    }

    private static void malformed(String json, String message) {
        assertThatThrownBy(() -> EncryptedData.fromJson(json)).isInstanceOf(SecretException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SecretException) e).error()).isEqualTo(SecretError.MALFORMED_DATA));
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
