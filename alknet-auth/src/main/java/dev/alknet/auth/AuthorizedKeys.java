package dev.alknet.auth;

import dev.alknet.auth.internal.SshKeyCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authorized_keys file with OpenSSH semantics: plain key lines authenticate their key; {@code cert-authority}
 * lines trust a CA for user certificates and never authenticate the CA key itself. Blank lines and {@code #}
 * comments are skipped. Immutable and thread-safe.
 *
 * <p>A bad line is an error by default ({@link OnError#FAIL}): this is access-control configuration, and silently
 * dropping a line could lock out or (with a dropped {@code from=} or {@code expiry-time=}) let in the wrong people.
 * {@link OnError#SKIP} loads the good lines and logs a warning per bad one.
 */
public final class AuthorizedKeys {

    /** What to do with a line that cannot be used. */
    public enum OnError {
        /** Throw {@link AuthorizedKeysException} for the first bad line (the default). */
        FAIL,
        /** Leave the line out, log a warning and list it in {@link #skipped()}. */
        SKIP
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizedKeys.class);
    private static final AuthorizedKeys EMPTY = new AuthorizedKeys(List.of(), List.of());

    private final List<AuthorizedKey> entries;
    private final List<AuthorizedKeysException> skipped;
    private final Map<OpenSshPublicKey, List<AuthorizedKey>> keys = new HashMap<>();
    private final Map<OpenSshPublicKey, List<AuthorizedKey>> authorities = new HashMap<>();

    private AuthorizedKeys(List<AuthorizedKey> entries, List<AuthorizedKeysException> skipped) {
        this.entries = List.copyOf(entries);
        this.skipped = List.copyOf(skipped);
        for (AuthorizedKey entry : this.entries) {
            (entry.isCertAuthority() ? authorities : keys).computeIfAbsent(entry.key(), k -> new ArrayList<>())
                    .add(entry);
        }
    }

    public static AuthorizedKeys empty() {
        return EMPTY;
    }

    /** Entries built in code (e.g. from a config file's key list). */
    public static AuthorizedKeys of(Collection<AuthorizedKey> entries) {
        return new AuthorizedKeys(List.copyOf(entries), List.of());
    }

    /** Parses authorized_keys text, failing on the first bad line; {@code expiry-time} uses the system zone. */
    public static AuthorizedKeys parse(String text) {
        return parse(text, "authorized_keys", OnError.FAIL, ZoneId.systemDefault());
    }

    /**
     * Parses authorized_keys text.
     *
     * @param source names the text in messages (a file name)
     * @param zone the zone of {@code expiry-time} values without a trailing {@code Z}
     * @throws AuthorizedKeysException for the first bad line when {@code onError} is {@link OnError#FAIL}
     */
    public static AuthorizedKeys parse(String text, String source, OnError onError, ZoneId zone) {
        List<AuthorizedKey> entries = new ArrayList<>();
        List<AuthorizedKeysException> skipped = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                AuthorizedKey entry = parseLine(lines[i], i + 1, zone);
                if (entry != null) {
                    entries.add(entry);
                }
            } catch (IllegalArgumentException e) {
                AuthorizedKeysException bad = new AuthorizedKeysException(source, i + 1, e.getMessage());
                if (onError == OnError.FAIL) {
                    throw bad;
                }
                LOG.warn("skipping {}", bad.getMessage());
                skipped.add(bad);
            }
        }
        return new AuthorizedKeys(entries, skipped);
    }

    /** Reads an authorized_keys file (UTF-8), failing on the first bad line. */
    public static AuthorizedKeys load(Path file) {
        return load(file, OnError.FAIL);
    }

    public static AuthorizedKeys load(Path file, OnError onError) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read authorized keys " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), onError, ZoneId.systemDefault());
    }

    private static AuthorizedKey parseLine(String line, int lineNumber, ZoneId zone) {
        return parseLine(line, lineNumber, zone, false);
    }

    /**
     * One line; {@code null} for blank and comment lines.
     *
     * @param certAuthority treat the line as a {@code cert-authority} line whether or not it says so (a file of CA
     *     keys, like OpenSSH's TrustedUserCAKeys, lists bare keys)
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    static AuthorizedKey parseLine(String line, int lineNumber, ZoneId zone, boolean certAuthority) {
        AuthorizedKeyEntry entry = SshKeyCodec.parseLine(line);
        if (entry == null) {
            return null;
        }
        OpenSshPublicKey key = OpenSshPublicKey.fromEntry(entry);
        Map<String, String> options = entry.getLoginOptions();
        if (certAuthority) {
            options = new HashMap<>(options);
            options.put("cert-authority", "true");
        }
        return new AuthorizedKey(lineNumber, key, KeyOptions.parse(options, line, zone));
    }

    /** All usable lines, in file order. */
    public List<AuthorizedKey> entries() {
        return entries;
    }

    /** The lines that could not be used (only with {@link OnError#SKIP}). */
    public List<AuthorizedKeysException> skipped() {
        return skipped;
    }

    /** Plain key lines (not {@code cert-authority}). */
    public List<AuthorizedKey> keys() {
        return entries.stream().filter(e -> !e.isCertAuthority()).toList();
    }

    public List<AuthorizedKey> certificateAuthorities() {
        return entries.stream().filter(AuthorizedKey::isCertAuthority).toList();
    }

    /** The plain key lines for {@code key}, in file order; a key may be listed more than once with other options. */
    public List<AuthorizedKey> entriesFor(OpenSshPublicKey key) {
        return List.copyOf(keys.getOrDefault(key, List.of()));
    }

    /** The {@code cert-authority} lines for {@code caKey}, in file order. */
    public List<AuthorizedKey> authoritiesFor(OpenSshPublicKey caKey) {
        return List.copyOf(authorities.getOrDefault(caKey, List.of()));
    }

    @Override
    public String toString() {
        return "AuthorizedKeys[" + entries.size() + " lines]";
    }
}
