package dev.alknet.secret;

import dev.alknet.secret.internal.Bytes;
import dev.alknet.secret.internal.Gcm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sealed payload (alknet-spec.md §2.13): {@code key_version} names the key, {@code salt} is 32 random bytes,
 * {@code iv} the 12-byte AES-GCM IV, {@code data} the ciphertext with a 16-byte tag after each chunk (see
 * {@link Encryption}). The JSON form has exactly those four fields, byte fields in standard padded base64;
 * the binary form is {@code "AKED" 0x01 | u32 key_version | salt | iv | data}.
 */
public final class EncryptedData {
    public static final int SALT_BYTES = 32;
    private static final byte[] MAGIC = {'A', 'K', 'E', 'D', 1};
    private static final int HEADER_BYTES = MAGIC.length + 4 + SALT_BYTES + Gcm.IV_BYTES;
    private static final Set<String> FIELDS = Set.of("key_version", "salt", "iv", "data");
    /** A repeated field or text after the object would leave the meaning open, so both are errors. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int keyVersion;
    private final byte[] salt;
    private final byte[] iv;
    private final byte[] data;

    /** Takes ownership of the arrays: callers pass fresh ones. */
    private EncryptedData(int keyVersion, byte[] salt, byte[] iv, byte[] data) {
        if (keyVersion < 1) {
            throw malformed("key_version must be at least 1, not " + Integer.toUnsignedString(keyVersion));
        }
        this.keyVersion = keyVersion;
        this.salt = checkLength("salt", salt, SALT_BYTES);
        this.iv = checkLength("iv", iv, Gcm.IV_BYTES);
        this.data = Objects.requireNonNull(data, "data");
        if (data.length < Gcm.TAG_BYTES) {
            throw malformed("data is at least the 16-byte tag, got " + data.length + " bytes");
        }
    }

    /**
     * The four spec fields; the arrays are copied.
     *
     * @throws SecretException {@link SecretError#MALFORMED_DATA} when a field has the wrong size
     */
    public static EncryptedData of(int keyVersion, byte[] salt, byte[] iv, byte[] data) {
        return new EncryptedData(keyVersion, salt.clone(), iv.clone(), data.clone());
    }

    /** Wraps freshly sealed arrays without copying them. */
    static EncryptedData sealed(int keyVersion, byte[] salt, byte[] iv, byte[] data) {
        return new EncryptedData(keyVersion, salt, iv, data);
    }

    public int keyVersion() {
        return keyVersion;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] iv() {
        return iv.clone();
    }

    public byte[] data() {
        return data.clone();
    }

    /** {@code {"key_version":1,"salt":"…","iv":"…","data":"…"}}. */
    public String toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode node = JSON.createObjectNode();
        node.put("key_version", keyVersion);
        node.put("salt", b64.encodeToString(salt));
        node.put("iv", b64.encodeToString(iv));
        node.put("data", b64.encodeToString(data));
        return JSON.writeValueAsString(node);
    }

    /**
     * Parses the JSON form.
     *
     * @throws SecretException {@link SecretError#MALFORMED_DATA} naming the missing, unknown or bad field
     */
    public static EncryptedData fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw malformed("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw malformed("EncryptedData JSON is an object with key_version, salt, iv and data");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw malformed("unknown field \"" + name + "\"");
            }
        }
        JsonNode version = required(node, "key_version");
        if (!version.isIntegralNumber() || !version.canConvertToInt()) {
            throw malformed("key_version is a whole number from 1 to 2147483647");
        }
        return new EncryptedData(version.intValue(), base64(node, "salt"), base64(node, "iv"), base64(node, "data"));
    }

    /** The binary form. */
    public byte[] toBytes() {
        byte[] out = new byte[HEADER_BYTES + data.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        Bytes.putInt(out, MAGIC.length, keyVersion);
        System.arraycopy(salt, 0, out, MAGIC.length + 4, SALT_BYTES);
        System.arraycopy(iv, 0, out, MAGIC.length + 4 + SALT_BYTES, Gcm.IV_BYTES);
        System.arraycopy(data, 0, out, HEADER_BYTES, data.length);
        return out;
    }

    /** Parses the binary form. */
    public static EncryptedData fromBytes(byte[] bytes) {
        if (bytes.length < HEADER_BYTES + Gcm.TAG_BYTES) {
            throw malformed("binary EncryptedData is at least " + (HEADER_BYTES + Gcm.TAG_BYTES)
                    + " bytes, got " + bytes.length);
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw malformed("binary EncryptedData starts with \"AKED\" and format 1");
        }
        int at = MAGIC.length;
        return new EncryptedData(Bytes.getInt(bytes, at), Arrays.copyOfRange(bytes, at + 4, at + 4 + SALT_BYTES),
                Arrays.copyOfRange(bytes, at + 4 + SALT_BYTES, HEADER_BYTES),
                Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length));
    }

    /** The bytes every chunk authenticates besides its position: {@code u32 key_version || salt}. */
    static byte[] header(int keyVersion, byte[] salt) {
        byte[] header = new byte[4 + SALT_BYTES];
        Bytes.putInt(header, 0, keyVersion);
        System.arraycopy(salt, 0, header, 4, SALT_BYTES);
        return header;
    }

    byte[] header() {
        return header(keyVersion, salt);
    }

    byte[] ivUnsafe() {
        return iv;
    }

    byte[] dataUnsafe() {
        return data;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedData that && keyVersion == that.keyVersion
                && Arrays.equals(salt, that.salt) && Arrays.equals(iv, that.iv) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * keyVersion + Arrays.hashCode(salt)) + Arrays.hashCode(iv)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "EncryptedData[key_version=" + keyVersion + ", " + data.length + " bytes]";
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw malformed("field \"" + field + "\" is missing");
        }
        return value;
    }

    private static byte[] base64(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isString()) {
            throw malformed("field \"" + field + "\" is a base64 string");
        }
        try {
            return Base64.getDecoder().decode(value.asString().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw malformed("field \"" + field + "\" is not valid base64: " + e.getMessage());
        }
    }

    private static byte[] checkLength(String field, byte[] value, int length) {
        Objects.requireNonNull(value, field);
        if (value.length != length) {
            throw malformed(field + " is " + length + " bytes, not " + value.length);
        }
        return value;
    }

    private static SecretException malformed(String message) {
        return new SecretException(SecretError.MALFORMED_DATA, message);
    }
}
