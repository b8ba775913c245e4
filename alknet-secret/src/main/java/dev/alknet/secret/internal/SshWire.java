package dev.alknet.secret.internal;

import dev.alknet.secret.SecretError;
import dev.alknet.secret.SecretException;
import java.io.ByteArrayOutputStream;

/** The SSH wire encoding pieces (RFC 4251 §5) the OpenSSH key formats are built from. */
public final class SshWire {
    private SshWire() {}

    /** {@code string}: a big-endian uint32 length, then the bytes. */
    public static void writeString(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >>> 24);
        out.write(value.length >>> 16);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.write(value, 0, value.length);
    }

    /** A key comment ends its line in a key file, so it cannot hold a line break. */
    public static String checkComment(String comment) {
        if (comment.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new SecretException(SecretError.INVALID_ARGUMENT, "a key comment cannot contain a line break");
        }
        return comment;
    }
}
