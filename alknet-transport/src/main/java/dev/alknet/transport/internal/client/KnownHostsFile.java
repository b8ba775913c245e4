package dev.alknet.transport.internal.client;

import dev.alknet.auth.OpenSshPublicKey;
import dev.alknet.core.config.HostPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A known-hosts file in OpenSSH's format, used trust-on-first-use: an unknown server's key is appended, a known
 * server must present a key recorded for it. Read afresh on every check, so a user who edits the file (e.g. to
 * remove a stale key) does not have to restart the client. Hashed and wildcard entries written by OpenSSH match
 * too; {@code @revoked} keys are refused, other markers ignored.
 */
public final class KnownHostsFile {

    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsFile.class);
    private static final int DEFAULT_SSH_PORT = 22;

    private final Path file;

    public KnownHostsFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** @return {@code null} when {@code key} may be used for {@code server}, else why not */
    synchronized String verify(HostPort server, OpenSshPublicKey key) {
        List<KnownHostEntry> entries = read();
        boolean known = false;
        for (KnownHostEntry entry : entries) {
            if (!entry.isHostMatch(server.host(), server.port())) {
                continue;
            }
            String marker = entry.getMarker();
            boolean same = sameKey(entry, key.publicKey());
            if ("revoked".equals(marker) && same) {
                return "the host key " + key.fingerprint() + " of " + server + " is marked @revoked in " + file;
            }
            if (marker == null) {
                if (same) {
                    return null;
                }
                known = true;
            }
        }
        if (known) {
            return "host key mismatch for " + server + ": the server offered " + key.fingerprint()
                    + ", which differs from the key recorded in " + file + ". Either the server's key was changed "
                    + "or someone is impersonating it; if the change is expected, remove the old line from " + file;
        }
        append(server, key);
        LOG.info("recorded the host key {} of {} in {} (first connection)", key.fingerprint(), server, file);
        return null;
    }

    private List<KnownHostEntry> read() {
        try {
            return KnownHostEntry.readKnownHostEntries(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read known hosts file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameKey(KnownHostEntry entry, PublicKey key) {
        try {
            PublicKey recorded = entry.getKeyEntry().resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
            return recorded != null && KeyUtils.compareKeys(recorded, key);
        } catch (IOException | GeneralSecurityException e) {
            // A line we cannot decode is not a match; OpenSSH skips such lines too.
            return false;
        }
    }

    private void append(HostPort server, OpenSshPublicKey key) {
        String host = server.port() == DEFAULT_SSH_PORT ? server.host() : "[" + server.host() + "]:" + server.port();
        String line = host + " " + key.withComment("").toLine() + System.lineSeparator();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // A hand-edited file may lack the final line break; the new entry must not join the last line.
            if (Files.exists(file) && Files.size(file) > 0 && !Files.readString(file).endsWith("\n")) {
                line = System.lineSeparator() + line;
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the server's host key in " + file + ": " + e.getMessage(), e);
        }
    }
}
