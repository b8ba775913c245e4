package dev.alknet.storage.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** API key secrets: 32 random bytes shown once as {@code alk_<base64url>}, stored as their SHA-256 only. */
final class ApiKeySecrets {

    static final String PREFIX = "alk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        try {
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Hex SHA-256 of the whole secret text; a fast hash is enough for 256 random bits. */
    static String hash(String secret) {
        return HexFormat.of().formatHex(SshPublicKeys.sha256(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
