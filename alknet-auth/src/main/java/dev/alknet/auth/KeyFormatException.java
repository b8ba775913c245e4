package dev.alknet.auth;

/**
 * A key, private key file or certificate that cannot be used: malformed, in a format alknet does not read, or
 * of a type too weak to trust. The message says what is wrong and what to do; it never repeats key material.
 */
public class KeyFormatException extends IllegalArgumentException {

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
