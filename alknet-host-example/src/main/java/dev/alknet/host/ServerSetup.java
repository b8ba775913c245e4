package dev.alknet.host;

import dev.alknet.auth.ConfigIdentityProvider;
import dev.alknet.auth.HostKeys;
import dev.alknet.auth.KeyFormatException;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.AlknetConfig;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.ConfigException;
import dev.alknet.core.config.ConfigLoader;
import dev.alknet.core.config.DynamicConfig;
import dev.alknet.core.config.KeyEntry;
import dev.alknet.core.config.RateLimits;
import dev.alknet.core.config.StaticConfig;
import dev.alknet.storage.StorageConfig;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code alknet serve} starts with, assembled as flags over the config file (or the embedded default) over
 * the data directory. Everything is checked here, before any socket is bound, so a bad setup is one line and
 * exit code 2.
 *
 * @param hostKeyFile where {@code hostKey} was loaded from (or generated to)
 * @param storage the database of the head's storage operations
 */
record ServerSetup(AlknetConfig config, OpenSshKeyPair hostKey, Path hostKeyFile, StorageConfig storage) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSetup.class);

    /** @throws UsageError saying what to change */
    static ServerSetup assemble(ServeFlags flags, Map<String, String> env) {
        rejectUnsupported(flags);
        Path dataDir = DataDir.resolve(flags.dataDir, env);
        try {
            AlknetConfig base = flags.config != null ? ConfigLoader.load(flags.config) : EmbeddedConfig.load(dataDir);
            Path hostKeyFile = hostKeyFile(flags, base.staticConfig(), dataDir);
            StaticConfig fixed = base.staticConfig()
                    .withListeners(ListenerFlags.apply(flags, base.staticConfig().listeners()))
                    .withProxy(flags.proxy != null ? flags.proxy : base.staticConfig().proxy().orElse(null))
                    .withHostKey(hostKeyFile);
            DynamicConfig dynamic = base.dynamicConfig()
                    .withAuth(auth(flags, base.dynamicConfig().auth(), dataDir))
                    .withRateLimits(rateLimits(flags, base.dynamicConfig().rateLimits()));
            ConfigIdentityProvider.validate(dynamic.auth());
            StorageConfig storage = StorageSetup.config(flags, env, dataDir);
            return new ServerSetup(new AlknetConfig(fixed, dynamic), HostKeys.loadOrGenerate(hostKeyFile), hostKeyFile,
                    storage);
        } catch (ConfigException | KeyFormatException e) {
            throw new UsageError(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // HostKeys wraps some of its refusals without a message of their own; the cause's is the one to show.
            String message = e.getMessage().equals(e.getCause().toString()) ? e.getCause().getMessage()
                    : e.getMessage();
            throw new UsageError(message, e);
        }
    }

    private static void rejectUnsupported(ServeFlags flags) {
        if (flags.acmeDomain != null) {
            throw new UsageError("--acme-domain is not supported by alknet-java; obtain a certificate (e.g. with "
                    + "certbot) and pass --tls-cert and --tls-key");
        }
        if (flags.irohRelay != null) {
            throw new UsageError("--iroh-relay is not supported by alknet-java (there is no iroh transport); "
                    + "use --transport tcp or tls");
        }
    }

    private static Path hostKeyFile(ServeFlags flags, StaticConfig base, Path dataDir) {
        if (flags.hostKey != null) {
            if (!Files.isRegularFile(flags.hostKey)) {
                throw new UsageError("--key: " + flags.hostKey + ": no such file; create one with 'alknet keygen -f "
                        + flags.hostKey + "' or leave --key out to use a key generated in the data directory");
            }
            return flags.hostKey.toAbsolutePath();
        }
        return base.hostKey().orElse(dataDir.resolve(DataDir.HOST_KEY));
    }

    /**
     * The flags replace the config's keys; a config that names no keys at all takes the data directory's
     * authorized_keys, which is how the embedded default admits anyone. With {@code --identities storage} the keys
     * are the storage's and only the token settings are used.
     */
    private static AuthConfig auth(ServeFlags flags, AuthConfig auth, Path dataDir) {
        if (flags.identities == ServeLogins.Source.STORAGE) {
            if (flags.authorizedKeys != null || flags.certAuthority != null) {
                throw new UsageError((flags.authorizedKeys != null ? "--authorized-keys" : "--cert-authority")
                        + " is for --identities config; with --identities storage add keys with "
                        + "'alknet identity add-key'");
            }
            return auth;
        }
        AuthConfig result = auth;
        if (flags.authorizedKeys != null) {
            result = result.withAuthorizedKeys(keyFile("--authorized-keys", flags.authorizedKeys,
                    auth.defaultScopes()));
        }
        if (flags.certAuthority != null) {
            result = result.withCertAuthorities(keyFile("--cert-authority", flags.certAuthority,
                    auth.defaultScopes()));
        }
        Path dataDirKeys = dataDir.resolve(DataDir.AUTHORIZED_KEYS);
        if (result.authorizedKeys().isEmpty() && result.certAuthorities().isEmpty() && Files.exists(dataDirKeys)) {
            result = result.withAuthorizedKeys(KeyEntry.fromFile(dataDirKeys, auth.defaultScopes()));
        }
        if (result.authorizedKeys().isEmpty() && result.certAuthorities().isEmpty()) {
            LOG.warn("no authorized keys: nobody can log in; add public keys to {} or pass --authorized-keys",
                    dataDirKeys);
        }
        return result;
    }

    private static List<KeyEntry> keyFile(String flag, Path file, List<String> scopes) {
        try {
            return KeyEntry.fromFile(file, scopes);
        } catch (ConfigException e) {
            throw new UsageError(flag + ": " + e.getMessage(), e);
        }
    }

    private static RateLimits rateLimits(ServeFlags flags, RateLimits limits) {
        RateLimits result = limits;
        if (flags.maxConnectionsPerIp != null) {
            result = result.withMaxConnectionsPerIp(nonNegative("--max-connections-per-ip", flags.maxConnectionsPerIp));
        }
        if (flags.maxAuthAttempts != null) {
            result = result.withMaxAuthAttempts(nonNegative("--max-auth-attempts", flags.maxAuthAttempts));
        }
        return result;
    }

    private static int nonNegative(String flag, int value) {
        if (value < 0) {
            throw new UsageError(flag + " must be 0 (unlimited) or more, got " + value);
        }
        return value;
    }
}
