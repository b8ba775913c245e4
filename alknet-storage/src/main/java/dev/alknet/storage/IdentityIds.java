package dev.alknet.storage;

/** What {@code Identity.id()} is for identities resolved from SSH keys and tokens. */
public enum IdentityIds {
    /** The account id (the spec's choice for storage-based auth). */
    ACCOUNT,
    /**
     * The OpenSSH fingerprint of the key, as {@code ConfigIdentityProvider} gives: policies and access rules written
     * against config-based identities keep matching after moving the keys into storage. API keys, which config
     * auth does not have, still resolve to the account id.
     */
    FINGERPRINT
}
