package dev.alknet.core.config;

import dev.alknet.core.config.internal.ConfigFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One trusted public key as OpenSSH text, with what it is granted.
 *
 * <p>Core holds no crypto: {@code line} stays text in OpenSSH {@code authorized_keys} format (options and
 * {@code cert-authority} included) until alknet-auth parses it. {@code origin} says where the line came from
 * so that parser can point at it.
 *
 * @param line e.g. {@code ssh-ed25519 AAAA... alice@laptop} or {@code cert-authority ssh-ed25519 AAAA... CA}
 * @param scopes the scopes an identity authenticated with this key gets, e.g. {@code relay:connect}
 * @param resources resource names by kind, e.g. {@code service -> [gitea]}
 * @param origin e.g. {@code /etc/alknet/authorized_keys:3} or {@code alknet.toml:12 (auth.keys[0])}
 */
public record KeyEntry(String line, List<String> scopes, Map<String, List<String>> resources, String origin) {

    /** @throws ConfigException at key {@code key}, {@code scopes} or {@code resources} */
    public KeyEntry {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(origin, "origin");
        if (line.isBlank()) {
            throw new ConfigException("key", "must not be empty");
        }
        if (line.contains("PRIVATE KEY")) {
            // Say nothing of the text itself: it would put the private key into logs.
            throw new ConfigException("key",
                    "this is a private key; give the public key line (ssh-ed25519 AAAA... comment)");
        }
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new ConfigException("key", "must be a single line; list each key separately");
        }
        scopes = nonBlank(scopes, "scopes", "a scope");
        resources = resources.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> nonBlank(List.of(e.getKey()), "resources", "a resource kind").get(0),
                e -> nonBlank(e.getValue(), "resources." + e.getKey(), "a resource name")));
    }

    /**
     * Reads an OpenSSH {@code authorized_keys}-style file: one key per line, blank lines and {@code #} comments
     * skipped. Every key gets {@code scopes} and no resources.
     *
     * @throws ConfigException naming the file (and line) when it cannot be read or holds a private key
     */
    public static List<KeyEntry> fromFile(Path file, List<String> scopes) {
        List<String> granted = nonBlank(scopes, "scopes", "a scope");
        String[] lines = ConfigFiles.read(file).split("\r?\n|\r", -1);
        List<KeyEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(new KeyEntry(line, granted, Map.of(), file + ":" + (i + 1)));
            } catch (ConfigException e) {
                throw new ConfigException(file.toString(), i + 1, "", e.reason(), null);
            }
        }
        return List.copyOf(entries);
    }

    private static List<String> nonBlank(List<String> values, String key, String what) {
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new ConfigException(key, what + " must not be blank");
            }
        }
        return List.copyOf(values);
    }
}
