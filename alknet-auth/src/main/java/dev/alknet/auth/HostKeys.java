package dev.alknet.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH server's host key: read from its OpenSSH private key file, or generated on first start.
 *
 * <p>As with sshd, a private key readable or writable by anyone but its owner is refused (on file systems with
 * POSIX permissions). Servers starting at the same time on the same path end up with one key: a new key is
 * written to a temporary file and hard-linked into place, which fails rather than replaces when another start got
 * there first, and the loser then loads the winner's key.
 */
public final class HostKeys {

    private static final Logger LOG = LoggerFactory.getLogger(HostKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> NOT_OWNER = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HostKeys() {
    }

    /**
     * Loads the host key at {@code privateKeyFile}, or generates an Ed25519 key there (mode 0600, with its
     * {@code .pub} beside it, and missing parent directories created with mode 0700).
     *
     * @throws KeyFormatException when the existing file is not a usable OpenSSH private key
     * @throws UncheckedIOException when the key is readable by others, or a file cannot be read or written
     */
    public static OpenSshKeyPair loadOrGenerate(Path privateKeyFile) {
        Path file = privateKeyFile.toAbsolutePath();
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return load(file);
        }
        createParents(file.getParent());
        OpenSshKeyPair generated = OpenSshKeyPair.generateEd25519("alknet host key");
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp-" + HexFormat.of().formatHex(randomBytes()));
        Path temporaryPub = temporary.resolveSibling(temporary.getFileName() + ".pub");
        try {
            generated.write(temporary);
            try {
                linkIntoPlace(temporary, file);
            } catch (FileAlreadyExistsException e) {
                LOG.info("host key {} was created by another process meanwhile; using that one", file);
                return load(file);
            }
            Files.move(temporaryPub, file.resolveSibling(file.getFileName() + ".pub"),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create host key " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
            deleteQuietly(temporaryPub);
        }
        LOG.info("generated host key {} ({})", file, generated.publicKey().fingerprint());
        return generated;
    }

    /** Publishes the complete file under its name, or throws {@link FileAlreadyExistsException}. */
    private static void linkIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.createLink(file, temporary);
        } catch (UnsupportedOperationException e) {
            // No hard links (some network and FAT file systems): a move without REPLACE_EXISTING still refuses to
            // replace a key, though the check and the move are then two steps.
            Files.move(temporary, file);
        }
    }

    private static OpenSshKeyPair load(Path file) {
        requireOwnerOnly(file);
        return OpenSshKeyPair.load(file);
    }

    private static void requireOwnerOnly(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of host key " + file + ": "
                    + e.getMessage(), e);
        }
        if (permissions.stream().anyMatch(NOT_OWNER::contains)) {
            throw new UncheckedIOException(new IOException("UNPROTECTED PRIVATE KEY FILE: permissions "
                    + PosixFilePermissions.toString(permissions) + " for host key " + file + " are too open; a "
                    + "private key must be accessible by its owner only (chmod 600 " + file + ")"));
        }
    }

    private static void createParents(Path directory) {
        if (directory == null || Files.isDirectory(directory)) {
            return;
        }
        try {
            if (Files.getFileStore(existingAncestor(directory)).supportsFileAttributeView(
                    PosixFileAttributeView.class)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + directory + " for the host key: "
                    + e.getMessage(), e);
        }
    }

    private static Path existingAncestor(Path directory) {
        Path p = directory;
        while (p.getParent() != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete temporary file {}: {}", file, e.getMessage());
        }
    }
}
