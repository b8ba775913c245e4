package dev.alknet.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Who may authenticate and what they are granted, as text: alknet-auth turns it into key sets and
 * certificate checks. Every file the config names has been read into it, so one instance is a complete,
 * self-contained snapshot.
 *
 * @param authorizedKeys keys (and {@code cert-authority} lines) in OpenSSH authorized_keys format
 * @param certAuthorities keys whose certificates are trusted, from a {@code cert_authority} file
 * @param token token auth settings
 */
public record AuthConfig(List<KeyEntry> authorizedKeys, List<KeyEntry> certAuthorities, TokenSettings token,
        List<String> defaultScopes) {

    /** What a key from an authorized_keys file is granted unless the config says otherwise. */
    public static final List<String> DEFAULT_SCOPES = List.of("relay:connect");

    private static final AuthConfig EMPTY = new AuthConfig(List.of(), List.of(), TokenSettings.defaults());

    public AuthConfig {
        authorizedKeys = List.copyOf(authorizedKeys);
        certAuthorities = List.copyOf(certAuthorities);
        Objects.requireNonNull(token, "token");
        defaultScopes = List.copyOf(defaultScopes);
    }

    /** With the {@link #DEFAULT_SCOPES} for keys added later without scopes of their own. */
    public AuthConfig(List<KeyEntry> authorizedKeys, List<KeyEntry> certAuthorities, TokenSettings token) {
        this(authorizedKeys, certAuthorities, token, DEFAULT_SCOPES);
    }

    /** Nobody can authenticate; token auth is off. */
    public static AuthConfig empty() {
        return EMPTY;
    }

    public AuthConfig withAuthorizedKeys(List<KeyEntry> authorizedKeys) {
        return new AuthConfig(authorizedKeys, certAuthorities, token, defaultScopes);
    }

    public AuthConfig withCertAuthorities(List<KeyEntry> certAuthorities) {
        return new AuthConfig(authorizedKeys, certAuthorities, token, defaultScopes);
    }

    public AuthConfig withToken(TokenSettings token) {
        return new AuthConfig(authorizedKeys, certAuthorities, token, defaultScopes);
    }
}
