package dev.alknet.auth;

import dev.alknet.auth.internal.PrivateKeyFormats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.loader.openssh.OpenSSHKeyPairResourceParser;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * A private key and its public half, read from or written to an unencrypted OpenSSH private key file
 * ({@code -----BEGIN OPENSSH PRIVATE KEY-----}). PEM files and passphrase-protected keys are rejected with a
 * message that says how to convert them.
 *
 * <p>{@link #toString()} never shows the private key. The file bytes this class reads are zeroed once parsed; the
 * JCA key objects themselves offer no way to be wiped.
 */
public final class OpenSshKeyPair {

    private final OpenSshPublicKey publicKey;
    private final PrivateKey privateKey;

    private OpenSshKeyPair(OpenSshPublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /**
     * Reads an OpenSSH private key file.
     *
     * @throws KeyFormatException naming the file when it is not a usable unencrypted OpenSSH private key
     * @throws UncheckedIOException when the file cannot be read
     */
    public static OpenSshKeyPair load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read private key " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(content);
        } catch (KeyFormatException e) {
            throw new KeyFormatException(file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Parses the contents of an OpenSSH private key file. The array is left as it is: the caller owns it.
     *
     * @throws KeyFormatException when the text is not a usable unencrypted OpenSSH private key
     */
    public static OpenSshKeyPair parse(byte[] content) {
        PrivateKeyFormats.requireOpenSsh(content);
        Collection<KeyPair> pairs;
        try {
            pairs = OpenSSHKeyPairResourceParser.INSTANCE.loadKeyPairs(
                    null, NamedResource.ofName("private key"), null, new ByteArrayInputStream(content));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyFormatException("malformed OpenSSH private key (" + e.getClass().getSimpleName() + ")");
        }
        if (pairs == null || pairs.size() != 1) {
            throw new KeyFormatException("malformed OpenSSH private key: no key pair in it");
        }
        KeyPair pair = pairs.iterator().next();
        return new OpenSshKeyPair(OpenSshPublicKey.of(pair.getPublic()), pair.getPrivate());
    }

    /** Generates a new Ed25519 key pair (what {@code alknet keygen} and {@code ssh-keygen -t ed25519} make). */
    public static OpenSshKeyPair generateEd25519(String comment) {
        KeyPair pair;
        try {
            pair = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no Ed25519 key generator available", e);
        }
        return new OpenSshKeyPair(OpenSshPublicKey.of(pair.getPublic()).withComment(comment), pair.getPrivate());
    }

    public OpenSshPublicKey publicKey() {
        return publicKey;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public KeyPair toKeyPair() {
        return new KeyPair(publicKey.publicKey(), privateKey);
    }

    /**
     * Writes the private key in OpenSSH format to {@code privateKeyFile} (owner read/write only where the file
     * system has POSIX permissions) and the public key line to {@code privateKeyFile + ".pub"}, as ssh-keygen does.
     * Neither file may exist yet: keys are never overwritten.
     *
     * @throws UncheckedIOException when a file exists or cannot be written
     */
    public void write(Path privateKeyFile) {
        Path publicKeyFile = privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
        for (Path file : new Path[] {privateKeyFile, publicKeyFile}) {
            if (Files.exists(file)) {
                throw new UncheckedIOException(new FileAlreadyExistsException(file.toString(), null,
                        "refusing to overwrite an existing key file"));
            }
        }
        try (SeekableByteChannel channel = createOwnerOnly(privateKeyFile);
                OutputStream out = Channels.newOutputStream(channel)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(toKeyPair(), publicKey.comment(), null, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new UncheckedIOException("cannot write private key " + privateKeyFile + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        try {
            Files.writeString(publicKeyFile, publicKey.toLine() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write public key " + publicKeyFile + ": " + e.getMessage(), e);
        }
    }

    private static SeekableByteChannel createOwnerOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return Files.newByteChannel(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.newByteChannel(file, options);
        }
    }

    @Override
    public String toString() {
        return "OpenSshKeyPair[" + publicKey + ", private key redacted]";
    }
}
