package dev.alknet.host;

import dev.alknet.secret.AlknetPaths;
import dev.alknet.secret.Bip39;
import dev.alknet.secret.Curve;
import dev.alknet.secret.DerivationPath;
import dev.alknet.secret.DerivedKey;
import dev.alknet.secret.EncryptedData;
import dev.alknet.secret.OpenSshEd25519PrivateKey;
import dev.alknet.secret.SealedSeed;
import dev.alknet.secret.SecretError;
import dev.alknet.secret.SecretException;
import dev.alknet.secret.SecretService;
import dev.alknet.secret.SitePassword;
import dev.alknet.secret.SshEd25519PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code alknet secret}: the secret service from the command line. The mnemonic is read from a file or stdin,
 * never from an argument (arguments show up in {@code ps} and shell history).
 */
@Command(name = "secret", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"One BIP39 mnemonic, every key: identity and host keys, site passwords, encryption of stored "
                + "credentials (see docs/secret.md).",
                "The mnemonic comes from --mnemonic-file FILE (- = stdin) or a sealed seed file (--sealed)."})
final class SecretCommand implements Runnable {
    private static final Set<SecretError> BAD_INPUT = EnumSet.of(SecretError.INVALID_MNEMONIC,
            SecretError.INVALID_PATH, SecretError.INVALID_ARGUMENT, SecretError.MALFORMED_DATA);

    @ParentCommand
    private Alknet alknet;

    @Spec
    private CommandSpec spec;

    @Option(names = "--mnemonic-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "file holding the BIP39 mnemonic; - reads it from stdin")
    private String mnemonicFile;

    @Option(names = "--passphrase-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "file holding the BIP39 passphrase (default: none)")
    private Path passphraseFile;

    @Option(names = "--sealed", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "a sealed seed file (written by init --seal) instead of the mnemonic")
    private Path sealedFile;

    @Option(names = "--seal-passphrase-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "file holding the passphrase of the sealed seed file")
    private Path sealPassphraseFile;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: use init, unlock-test, pubkey, encrypt, decrypt or password");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Prints a new mnemonic (write it down; it is every key) and the keys it gives; "
                    + "--seal also writes the seed sealed under a passphrase.")
    int init(@Option(names = "--words", defaultValue = "24", paramLabel = "N",
                    description = "12, 15, 18, 21 or 24 (default: ${DEFAULT-VALUE})") int words,
            @Option(names = "--seal", paramLabel = "FILE", description = "write the sealed seed here") Path seal) {
        // Everything that can fail is checked before a mnemonic is shown that would then not be used.
        if (seal != null && Files.exists(seal)) {
            throw new UsageError(seal + " already exists; refusing to overwrite a sealed seed");
        }
        char[] sealPassphrase = seal != null ? requiredSealPassphrase() : null;
        String passphrase = passphrase();
        String mnemonic = guarded(() -> Bip39.generate(words, new SecureRandom()));
        PrintWriter out = alknet.context().out();
        out.println(mnemonic);
        out.println("Write these " + words + " words down and keep them offline: they derive every key below.");
        byte[] seed = guarded(() -> Bip39.seed(mnemonic, passphrase));
        try (SecretService service = new SecretService()) {
            service.unlockWithSeed(seed);
            printKeys(service, out);
            if (seal != null) {
                SealedSeed.write(seal, seed, sealPassphrase, SealedSeed.Params.DEFAULT);
                out.println("sealed seed written to " + seal);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + seal + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(seed, (byte) 0);
            if (sealPassphrase != null) {
                Arrays.fill(sealPassphrase, '\0');
            }
        }
        return 0;
    }

    @Command(name = "unlock-test", mixinStandardHelpOptions = true,
            description = "Unlocks with the given mnemonic or sealed seed and prints the identity it gives.")
    int unlockTest() {
        return withService(service -> {
            PrintWriter out = alknet.context().out();
            out.println("unlocked");
            printKeys(service, out);
            return 0;
        });
    }

    @Command(name = "pubkey", mixinStandardHelpOptions = true,
            description = "Prints the public key at a derivation path: an ssh-ed25519 line and fingerprint, or for "
                    + "--curve secp256k1 the compressed key and its Ethereum address.")
    int pubkey(@Parameters(paramLabel = "PATH", description = "e.g. m/74'/0'/0'/0'") String path,
            @Option(names = "--curve", defaultValue = "ed25519", paramLabel = "CURVE",
                    description = "ed25519 or secp256k1 (default: ${DEFAULT-VALUE})") Curve curve,
            @Option(names = "--write-key", paramLabel = "FILE", description = "ed25519 only: also write the "
                    + "OpenSSH private key (mode 0600) and FILE.pub, e.g. for alknet connect -i") Path keyFile) {
        DerivationPath parsed = guarded(() -> DerivationPath.parse(path));
        if (keyFile != null && curve != Curve.ED25519) {
            throw new UsageError("--write-key writes ed25519 keys only");
        }
        if (keyFile != null) {
            for (Path existing : new Path[] {keyFile, keyFile.resolveSibling(keyFile.getFileName() + ".pub")}) {
                if (Files.exists(existing)) {
                    throw new UsageError(existing + " already exists; refusing to overwrite a key file");
                }
            }
        }
        return withService(service -> {
            PrintWriter out = alknet.context().out();
            switch (curve) {
                case ED25519 -> {
                    SshEd25519PublicKey key = service.sshPublicKey(parsed);
                    out.println(key.line(parsed.toString()));
                    out.println("fingerprint " + key.fingerprint());
                    if (keyFile != null) {
                        writeKey(keyFile, service.deriveEd25519(parsed), parsed.toString());
                        out.println("wrote private key " + keyFile + " and " + keyFile + ".pub");
                    }
                }
                case SECP256K1 -> {
                    out.println(HexFormat.of().formatHex(service.deriveEthereumKey(parsed).publicKey()));
                    out.println("address " + service.ethereumAddress(parsed));
                }
                default -> throw new UsageError("--curve is ed25519 or secp256k1");
            }
            return 0;
        });
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true,
            description = "Encrypts stdin (or --in FILE) and prints the EncryptedData JSON.")
    int encrypt(@Option(names = "--key-version", defaultValue = "1", paramLabel = "N",
                    description = "key version (default: ${DEFAULT-VALUE})") int version,
            @Option(names = "--in", paramLabel = "FILE", description = "plaintext file (default: stdin)") Path in) {
        byte[] plaintext = input(in);
        try {
            return withService(service -> {
                alknet.context().out().println(service.encrypt(plaintext, version).toJson());
                return 0;
            });
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true,
            description = "Decrypts EncryptedData JSON from stdin (or --in FILE) and prints the text, or writes the "
                    + "bytes to --out FILE.")
    int decrypt(@Option(names = "--in", paramLabel = "FILE", description = "JSON file (default: stdin)") Path in,
            @Option(names = "--out", paramLabel = "FILE", description = "write the plaintext bytes here") Path out) {
        EncryptedData data = guarded(() -> EncryptedData.fromJson(new String(input(in), StandardCharsets.UTF_8)));
        return withService(service -> {
            if (out == null) {
                alknet.context().out().print(service.decryptString(data));
                alknet.context().out().flush();
                return 0;
            }
            byte[] plaintext = service.decrypt(data);
            try {
                Files.write(out, plaintext);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
            return 0;
        });
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = "Prints the deterministic password for a site.")
    int password(@Parameters(paramLabel = "SITE", description = "e.g. github.com") String site,
            @Option(names = "--length", defaultValue = "24", paramLabel = "N",
                    description = "characters (default: ${DEFAULT-VALUE})") int length,
            @Option(names = "--alphabet", paramLabel = "CHARS",
                    description = "characters to draw from (default: letters, digits and !#$%&*+-=?@^_~)")
            String alphabet) {
        return withService(service -> {
            char[] password = service.derivePassword(site, length,
                    alphabet != null ? alphabet : SitePassword.DEFAULT_ALPHABET);
            alknet.context().out().println(password);
            Arrays.fill(password, '\0');
            return 0;
        });
    }

    private static void writeKey(Path file, DerivedKey key, String comment) {
        try {
            OpenSshEd25519PrivateKey.write(file, key, comment);
        } catch (IOException e) {
            throw new UsageError("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            key.destroy();
        }
    }

    private void printKeys(SecretService service, PrintWriter out) {
        out.println("identity " + service.sshPublicKey(AlknetPaths.IDENTITY).line("m/74'/0'/0'/0'"));
        out.println("host key " + service.sshPublicKey(AlknetPaths.SSH_HOST_KEY).line("m/74'/0'/1'/0'"));
        out.println("ethereum " + service.ethereumAddress(AlknetPaths.ETHEREUM));
    }

    private int withService(Function<SecretService, Integer> action) {
        try (SecretService service = new SecretService()) {
            if (sealedFile != null) {
                char[] sealPassphrase = requiredSealPassphrase();
                try {
                    service.unlockSealed(sealedFile, sealPassphrase);
                } finally {
                    Arrays.fill(sealPassphrase, '\0');
                }
            } else if (mnemonicFile != null) {
                String mnemonic = new String(read(mnemonicFile.equals("-") ? null : Path.of(mnemonicFile)),
                        StandardCharsets.UTF_8);
                service.unlock(mnemonic, passphrase());
            } else {
                throw new UsageError("give the mnemonic with --mnemonic-file FILE (- for stdin) "
                        + "or a sealed seed with --sealed FILE");
            }
            return action.apply(service);
        } catch (SecretException e) {
            throw reported(e);
        } catch (IOException e) {
            throw new UsageError("cannot read " + sealedFile + ": " + e.getMessage(), e);
        }
    }

    private String passphrase() {
        return passphraseFile == null ? "" : oneLine(read(passphraseFile));
    }

    private char[] requiredSealPassphrase() {
        if (sealPassphraseFile == null) {
            throw new UsageError("a sealed seed needs --seal-passphrase-file FILE");
        }
        return oneLine(read(sealPassphraseFile)).toCharArray();
    }

    /** The data to encrypt or decrypt; stdin unless a file is given, and stdin cannot carry the mnemonic too. */
    private byte[] input(Path in) {
        if (in == null && "-".equals(mnemonicFile)) {
            throw new UsageError("stdin carries the mnemonic, so give the data with --in FILE");
        }
        return read(in);
    }

    /** A file, or stdin for {@code null}. */
    private static byte[] read(Path file) {
        try {
            if (file == null) {
                InputStream in = System.in;
                return in.readAllBytes();
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageError("cannot read " + (file == null ? "stdin" : file) + ": " + e.getMessage(), e);
        }
    }

    /** The file's text without its final line break (a passphrase may contain spaces, so nothing else goes). */
    private static String oneLine(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Arrays.fill(bytes, (byte) 0);
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (SecretException e) {
            throw reported(e);
        }
    }

    /** Bad input is a usage error (exit 2); a failed decryption is a failure (exit 1). */
    private static RuntimeException reported(SecretException e) {
        return BAD_INPUT.contains(e.error()) ? new UsageError(e.getMessage(), e) : e;
    }
}
