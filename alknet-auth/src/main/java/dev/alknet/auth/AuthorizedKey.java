package dev.alknet.auth;

import java.util.Objects;

/**
 * One key line of an authorized_keys file.
 *
 * @param lineNumber the 1-based line in its source, for messages
 * @param key the key (for a {@code cert-authority} line: the CA key)
 * @param options the options in front of the key
 */
public record AuthorizedKey(int lineNumber, OpenSshPublicKey key, KeyOptions options) {

    public AuthorizedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
    }

    public boolean isCertAuthority() {
        return options.certAuthority();
    }
}
