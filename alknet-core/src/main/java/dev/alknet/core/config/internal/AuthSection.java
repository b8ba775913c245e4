package dev.alknet.core.config.internal;

import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.KeyEntry;
import dev.alknet.core.config.TokenSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code [auth]}: the key files it names are read here, so the result is a complete snapshot and a
 * reload is simply another load.
 */
final class AuthSection {

    /** {@code host_key} sits in {@code [auth]} in the file but belongs to the static config; read by the caller. */
    static final String HOST_KEY = "host_key";

    private AuthSection() {
    }

    static AuthConfig read(TomlTable auth) {
        auth.allowOnly(HOST_KEY, "authorized_keys", "cert_authority", "default_scopes", "keys", "token");
        List<String> defaultScopes = auth.strings("default_scopes").orElse(AuthConfig.DEFAULT_SCOPES);
        if (defaultScopes.stream().anyMatch(String::isBlank)) {
            throw auth.error("default_scopes", "a scope must not be blank");
        }

        List<KeyEntry> authorizedKeys = new ArrayList<>(keyFile(auth, "authorized_keys", defaultScopes));
        for (TomlTable entry : auth.tables("keys")) {
            authorizedKeys.add(keyEntry(entry, defaultScopes));
        }
        List<KeyEntry> certAuthorities = keyFile(auth, "cert_authority", defaultScopes);
        TokenSettings token = auth.table("token").map(AuthSection::token).orElse(TokenSettings.defaults());
        return new AuthConfig(authorizedKeys, certAuthorities, token, defaultScopes);
    }

    private static List<KeyEntry> keyFile(TomlTable auth, String key, List<String> scopes) {
        return auth.path(key).map(file -> auth.build(key, () -> KeyEntry.fromFile(file, scopes))).orElse(List.of());
    }

    private static KeyEntry keyEntry(TomlTable entry, List<String> defaultScopes) {
        entry.allowOnly("key", "scopes", "resources");
        String line = entry.string("key").orElseThrow(
                () -> entry.error("key", "missing: give the public key line (ssh-ed25519 AAAA... comment)"));
        List<String> scopes = entry.strings("scopes").orElse(defaultScopes);
        Map<String, List<String>> resources = entry.stringLists("resources").orElse(Map.of());
        String origin = entry.source().origin(entry.path());
        return entry.build(() -> new KeyEntry(line, scopes, resources, origin));
    }

    private static TokenSettings token(TomlTable token) {
        token.allowOnly("enabled", "max_age_seconds");
        boolean enabled = token.bool("enabled").orElse(false);
        Duration maxAge = token.integer("max_age_seconds")
                .map(Duration::ofSeconds).orElse(TokenSettings.DEFAULT_MAX_AGE);
        return token.build(() -> new TokenSettings(enabled, maxAge));
    }
}
