package dev.alknet.host;

import dev.alknet.core.config.AuthConfig;
import dev.alknet.storage.AccessLevel;
import dev.alknet.storage.Account;
import dev.alknet.storage.CredentialType;
import dev.alknet.storage.Grant;
import dev.alknet.storage.Identities;
import dev.alknet.storage.PeerCredential;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.StorageService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code alknet identity}: the accounts and SSH keys that {@code alknet serve --identities storage} checks logins
 * against, written straight into the storage (also while serve runs: it sees each change at the next login).
 */
@Command(name = "identity", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Accounts and their SSH keys and certificate authorities in the storage that "
                + "'alknet serve --identities storage' checks logins against (docs/storage.md).",
                "Uses the same --data-dir / --storage as serve; changes apply to the next login, also while serve "
                        + "runs."},
        footer = {"", "Exit codes: 0 done, 1 the storage failed, 2 bad arguments or input."})
final class IdentityCommand implements Runnable {

    /** Bigger than any OpenSSH public key line; a bigger file is not one. */
    private static final long MAX_KEY_FILE = 64 * 1024;

    @ParentCommand
    private Alknet alknet;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "data directory of the default storage (default: $" + DataDir.ENV + " or ~/.alknet)")
    private Path dataDir;

    @Option(names = "--storage", paramLabel = "JDBC_URL", scope = ScopeType.INHERIT,
            description = "the storage serve uses, as its --storage (default: jdbc:sqlite:<data-dir>/system.db)")
    private String storage;

    @Option(names = "--storage-user", paramLabel = "USER", scope = ScopeType.INHERIT,
            description = "PostgreSQL user of --storage; the password in $" + StorageSetup.PASSWORD_ENV)
    private String storageUser;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: use add-account, add-key, revoke or show");
    }

    @Command(name = "add-account", mixinStandardHelpOptions = true,
            description = "Creates an account; its scopes are what its keys and certificates log in with.")
    int addAccount(@Option(names = "--email", required = true, paramLabel = "EMAIL",
                    description = "unique, stored lower-case") String email,
            @Option(names = "--name", paramLabel = "NAME", description = "display name") String name,
            @Option(names = "--scope", paramLabel = "SCOPE", description = "a scope to grant, repeatable (default: "
                    + "relay:connect, as config-based auth gives)") List<String> scopes,
            @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "user",
                    description = "user, admin or service (default: ${DEFAULT-VALUE})") AccessLevel level) {
        Grant grant = new Grant(new LinkedHashSet<>(scopes == null ? AuthConfig.DEFAULT_SCOPES : scopes), Map.of());
        Account account = withIdentities(ids -> ids.createAccount(email, name, level, grant));
        alknet.context().out().println("account " + account.id() + " " + account.email() + " scopes="
                + String.join(",", account.grant().scopes()));
        return 0;
    }

    @Command(name = "add-key", mixinStandardHelpOptions = true,
            description = {"Stores an SSH public key of an account: it logs in as the account.",
                    "With --ca it is a certificate authority instead: user certificates it signs (ssh-keygen -s) "
                            + "log in as the account, with the account's scopes; the CA key itself never logs in."})
    int addKey(@Option(names = "--account", required = true, paramLabel = "EMAIL|ID") String account,
            @Option(names = "--file", required = true, paramLabel = "FILE",
                    description = "the public key, one OpenSSH line (e.g. ~/.ssh/id_ed25519.pub)") Path file,
            @Option(names = "--ca", description = "a certificate authority key") boolean ca,
            @Option(names = "--name", paramLabel = "NAME", description = "a label, e.g. laptop") String name,
            @Option(names = "--expires-in", paramLabel = "AGE", converter = Converters.AgeValue.class,
                    description = "stop accepting it after AGE (7d, 12h, ...; default: never)") Duration expiresIn) {
        String line = keyLine(file);
        Instant expires = expiresIn == null ? null : Instant.now().plus(expiresIn);
        CredentialType type = ca ? CredentialType.CERT_AUTHORITY : CredentialType.SSH_KEY;
        PeerCredential added = withIdentities(ids -> {
            Account owner = account(ids, account);
            try {
                return ids.addPeerCredential(owner.id(), type, line, name, expires);
            } catch (StorageException e) {
                if (e.kind() == StorageException.Kind.INVALID) {
                    throw new UsageError("--file " + file + ": " + e.getMessage(), e);
                }
                throw e;
            }
        });
        alknet.context().out().println("added " + type.dbName() + " " + added.fingerprint() + " to account "
                + added.ownerId() + (expires == null ? "" : " until " + expires));
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a stored key or certificate authority for good: the next login with it (or "
                    + "with a certificate it signed) is refused.")
    int revoke(@Option(names = "--fingerprint", required = true, paramLabel = "SHA256:...",
            description = "as add-key and show print it") String fingerprint) {
        boolean revoked = withIdentities(ids -> {
            PeerCredential credential = ids.peerCredentialByFingerprint(fingerprint).orElseThrow(() ->
                    new UsageError("no stored key has fingerprint " + fingerprint
                            + " (see 'alknet identity show --account ...')"));
            return ids.revokePeerCredential(credential.id());
        });
        alknet.context().out().println((revoked ? "revoked " : "already revoked: ") + fingerprint);
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints an account and its keys, one line each.")
    int show(@Option(names = "--account", required = true, paramLabel = "EMAIL|ID") String account) {
        PrintWriter out = alknet.context().out();
        withIdentities(ids -> {
            Account a = account(ids, account);
            out.println("account " + a.id() + " " + a.email() + " " + a.status().name().toLowerCase(Locale.ROOT)
                    + " scopes=" + String.join(",", a.grant().scopes()));
            Instant now = Instant.now();
            for (PeerCredential c : ids.peerCredentials(a.id())) {
                String state = c.revokedAt() != null ? "revoked"
                        : c.expiresAt() != null && !now.isBefore(c.expiresAt()) ? "expired" : "active";
                out.println("  " + c.type().dbName() + " " + c.fingerprint() + " " + state
                        + (c.name() == null ? "" : " " + c.name()));
            }
            return null;
        });
        out.flush();
        return 0;
    }

    /** Opens the storage for one change; what storage refuses becomes a usage error naming the reason. */
    private <T> T withIdentities(Function<Identities, T> work) {
        Path dir = DataDir.resolve(dataDir, alknet.context().env());
        try (StorageService opened = StorageSetup.open(StorageSetup.database(storage, storageUser,
                alknet.context().env(), dir))) {
            return work.apply(opened.identities());
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.UNAVAILABLE) {
                throw e;
            }
            throw new UsageError(e.getMessage(), e);
        }
    }

    /** An email (it has an @) or an account id. */
    private static Account account(Identities ids, String emailOrId) {
        Optional<Account> found = emailOrId.contains("@") ? ids.accountByEmail(emailOrId) : ids.account(emailOrId);
        return found.orElseThrow(() -> new UsageError("no account " + emailOrId
                + " (create it with 'alknet identity add-account --email ...')"));
    }

    /** The one key line of a {@code .pub} file; storage checks the line itself. */
    private static String keyLine(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_KEY_FILE) {
                throw new UsageError("--file " + file + " is " + size + " bytes, too big for a public key file");
            }
            String text = Files.readString(file);
            if (text.contains("PRIVATE KEY")) {
                throw new UsageError("--file " + file + " is a private key; give the public key (the .pub file)");
            }
            List<String> lines = text.lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (lines.size() != 1) {
                throw new UsageError("--file " + file + " holds " + lines.size() + " key lines; give one public key "
                        + "(a .pub file)");
            }
            return lines.get(0);
        } catch (NoSuchFileException e) {
            throw new UsageError("--file " + file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new UsageError("--file " + file + " is not text; give an OpenSSH public key (.pub) file", e);
        } catch (IOException e) {
            throw new UsageError("--file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
