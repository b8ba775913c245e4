package dev.alknet.secret;

/** What went wrong in the secret service; carried by every {@link SecretException}. */
public enum SecretError {
    /** The service is locked: only {@code unlock} is accepted. */
    LOCKED,
    /** A mnemonic has the wrong word count, an unknown word or a bad checksum. */
    INVALID_MNEMONIC,
    /** A derivation path does not parse, or asks for something its curve cannot do. */
    INVALID_PATH,
    /** An argument is out of range (a length, an alphabet, a key size, a version). */
    INVALID_ARGUMENT,
    /** Encrypted data is malformed (bad base64, wrong field sizes, truncated chunks). */
    MALFORMED_DATA,
    /** Authentication failed: wrong key, wrong key version or tampered data. */
    DECRYPTION_FAILED
}
