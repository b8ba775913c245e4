package dev.alknet.auth;

/** Why a signed-timestamp token was refused. */
public enum TokenFailure {
    /** The key id names no key of the verifier's key set. */
    UNKNOWN_KEY,
    /** The Ed25519 signature over {@code key_id || timestamp} does not verify. */
    BAD_SIGNATURE,
    /** The timestamp is further in the past than the window allows. */
    TOO_OLD,
    /** The timestamp is further in the future than the window allows. */
    FROM_THE_FUTURE
}
