package dev.alknet.auth;

import dev.alknet.core.Identity;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.ConfigException;
import dev.alknet.core.config.KeyEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@link AuthConfig} parsed once: its key lines as {@link AuthorizedKeys}, the grant of each line, a
 * fingerprint index and the token verifier. An {@link AuthorizedKey}'s line number is its 1-based position in
 * the config (authorized keys first, then the CA file), which is how a line finds its {@link KeyEntry}.
 */
final class CompiledAuth {

    private final AuthConfig source;
    private final AuthorizedKeys keys;
    private final List<KeyEntry> grants;
    private final Map<String, OpenSshPublicKey> byFingerprint = new HashMap<>();
    private final TokenVerifier tokens;

    private CompiledAuth(AuthConfig source, AuthorizedKeys keys, List<KeyEntry> grants, Clock clock) {
        this.source = source;
        this.keys = keys;
        this.grants = grants;
        List<OpenSshPublicKey> plain = new ArrayList<>();
        for (AuthorizedKey line : keys.keys()) {
            if (byFingerprint.putIfAbsent(line.key().fingerprint(), line.key()) == null) {
                plain.add(line.key());
            }
        }
        this.tokens = source.token().enabled() ? new TokenVerifier(plain, source.token().maxAge(), clock) : null;
    }

    /**
     * @throws ConfigException naming the entry's origin (file and line, or TOML key) for the first line that
     *     cannot be used
     */
    static CompiledAuth compile(AuthConfig auth, Clock clock) {
        List<KeyEntry> grants = new ArrayList<>(auth.authorizedKeys());
        grants.addAll(auth.certAuthorities());
        List<AuthorizedKey> lines = new ArrayList<>(grants.size());
        for (int i = 0; i < grants.size(); i++) {
            KeyEntry entry = grants.get(i);
            boolean fromCaFile = i >= auth.authorizedKeys().size();
            try {
                AuthorizedKey line = AuthorizedKeys.parseLine(entry.line(), i + 1, clock.getZone(), fromCaFile);
                if (line == null) {
                    throw new IllegalArgumentException("no key on the line");
                }
                lines.add(line);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(entry.origin(), 0, "",
                        (fromCaFile ? "certificate authority: " : "authorized key: ") + e.getMessage(), null);
            }
        }
        return new CompiledAuth(auth, AuthorizedKeys.of(lines), List.copyOf(grants), clock);
    }

    AuthConfig source() {
        return source;
    }

    AuthorizedKeys keys() {
        return keys;
    }

    Optional<OpenSshPublicKey> plainKey(String fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /** Empty when token auth is disabled. */
    Optional<TokenVerifier> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** The identity {@code fingerprint} gets through {@code line}: the grant is the line's, never the key's. */
    Identity identity(String fingerprint, AuthorizedKey line) {
        KeyEntry grant = grants.get(line.lineNumber() - 1);
        Map<String, Set<String>> resources = new LinkedHashMap<>();
        grant.resources().forEach((kind, names) -> resources.put(kind, new LinkedHashSet<>(names)));
        return new Identity(fingerprint, new LinkedHashSet<>(grant.scopes()), resources);
    }
}
