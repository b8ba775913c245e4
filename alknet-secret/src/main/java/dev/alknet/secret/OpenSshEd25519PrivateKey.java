package dev.alknet.secret;

import dev.alknet.secret.internal.Bytes;
import dev.alknet.secret.internal.SshWire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * A derived ed25519 key ({@link SecretService#deriveEd25519}) as an unencrypted OpenSSH private key file ({@code openssh-key-v1}, OpenSSH
 * PROTOCOL.key), so {@code ssh -i}, {@code ssh-keygen} and alknet's tunnel client can use it as an identity.
 */
public final class OpenSshEd25519PrivateKey {
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = SshEd25519PublicKey.KEY_TYPE.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = "none".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenSshEd25519PrivateKey() {}

    /**
     * The PEM text ({@code -----BEGIN OPENSSH PRIVATE KEY-----}) as ASCII bytes, which the caller should zero
     * after use.
     */
    public static byte[] encode(DerivedKey ed25519Key, String comment) {
        if (ed25519Key.keyType() != KeyType.ED25519) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "an OpenSSH ed25519 key file needs an ED25519 key, not " + ed25519Key.keyType());
        }
        SshEd25519PublicKey publicKey = new SshEd25519PublicKey(ed25519Key.publicKey());
        SshWire.checkComment(comment);
        byte[] seed = ed25519Key.privateKey();
        byte[] pub = publicKey.key();
        byte[] secret = Bytes.concat(seed, pub);
        byte[] check = new byte[4];
        RANDOM.nextBytes(check);
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        section.writeBytes(check);
        section.writeBytes(check);
        SshWire.writeString(section, TYPE);
        SshWire.writeString(section, pub);
        SshWire.writeString(section, secret);
        SshWire.writeString(section, comment.getBytes(StandardCharsets.UTF_8));
        for (int pad = 1; section.size() % 8 != 0; pad++) {
            section.write(pad);
        }
        byte[] privateSection = section.toByteArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(MAGIC);
        SshWire.writeString(file, NONE);
        SshWire.writeString(file, NONE);
        SshWire.writeString(file, new byte[0]);
        file.writeBytes(new byte[] {0, 0, 0, 1});
        SshWire.writeString(file, publicKey.blob());
        SshWire.writeString(file, privateSection);
        byte[] binary = file.toByteArray();
        byte[] base64 = Base64.getMimeEncoder(70, new byte[] {'\n'}).encode(binary);
        byte[] pem = Bytes.concat("-----BEGIN OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII),
                base64, "\n-----END OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] material : Arrays.asList(seed, secret, privateSection, binary, base64)) {
            Bytes.zero(material);
        }
        return pem;
    }

    /**
     * Writes the private key to {@code file} (created new, owner read/write only on POSIX file systems) and the
     * public key line to {@code file.pub}, as ssh-keygen does. Existing files are never overwritten.
     */
    public static void write(Path file, DerivedKey ed25519Key, String comment) throws IOException {
        Path publicFile = file.resolveSibling(file.getFileName() + ".pub");
        for (Path existing : new Path[] {file, publicFile}) {
            if (Files.exists(existing)) {
                throw new IOException(existing + " already exists; refusing to overwrite a key file");
            }
        }
        byte[] pem = encode(ed25519Key, comment);
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = Files.getFileStore(file.toAbsolutePath().getParent())
                .supportsFileAttributeView("posix")
                ? Files.newByteChannel(file, options,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.newByteChannel(file, options)) {
            Channels.newOutputStream(channel).write(pem);
        } finally {
            Bytes.zero(pem);
        }
        Files.writeString(publicFile, new SshEd25519PublicKey(ed25519Key.publicKey()).line(comment) + "\n",
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
