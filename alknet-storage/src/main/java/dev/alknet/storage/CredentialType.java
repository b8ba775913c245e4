package dev.alknet.storage;

import java.util.Locale;

/** A stored SSH public key: one that authenticates its owner, or a certificate authority (never by itself). */
public enum CredentialType {
    SSH_KEY, CERT_AUTHORITY;

    /** The stored form: the lower-case name. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
