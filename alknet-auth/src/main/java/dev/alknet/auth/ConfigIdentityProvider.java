package dev.alknet.auth;

import dev.alknet.core.AuthToken;
import dev.alknet.core.Identity;
import dev.alknet.core.IdentityProvider;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.ConfigException;
import dev.alknet.core.config.ConfigReloadHandle;
import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link IdentityProvider} of config-based auth: the keys, grants and token settings of the current
 * {@code DynamicConfig.auth()}. Each call takes one {@link ConfigReloadHandle#current()} snapshot, so a reload is
 * seen by the next authentication and never by one in progress. Parsing the key lines is done once per
 * {@link AuthConfig} instance and cached; the hot path is a volatile read and a reference comparison.
 *
 * <p>A key authenticates through the first of its plain lines whose {@code expiry-time} and {@code from=} allow
 * it, and gets that line's scopes and resources; {@code cert-authority} lines and the CA file never authenticate
 * their own key. SSH keys, certificates and tokens go through the same {@link KeyAuthenticator} checks, so a key
 * resolves to the same {@link Identity} whichever way it arrives.
 *
 * <p>Where no client address is known ({@link #resolveFromFingerprint}, {@link #resolveFromToken(AuthToken)}),
 * a line restricted by {@code from=} does not match: failing closed is the only safe reading of a restriction
 * that cannot be checked. SSH servers should call {@link #authenticate(String, PublicKey, InetAddress)}.
 *
 * <p>A snapshot whose key lines do not parse admits nobody (never part of it) and is reported by one ERROR log
 * line. Hosts avoid that by calling {@link #validate(AuthConfig)} before {@link ConfigReloadHandle#reload}.
 */
public final class ConfigIdentityProvider implements IdentityProvider, LoginAuthority {

    /** The compiled form of one AuthConfig; {@code compiled} is null when that config is invalid. */
    private record Cached(AuthConfig source, CompiledAuth compiled) {
    }

    private final ConfigReloadHandle handle;
    private final Clock clock;
    private final KeyAuthenticator authenticator;
    private final Logger log;
    private volatile Cached cached;

    /** Uses the system clock in the local zone, which is how OpenSSH reads an {@code expiry-time} without {@code Z}. */
    public ConfigIdentityProvider(ConfigReloadHandle handle) {
        this(handle, Clock.systemDefaultZone());
    }

    /** @param clock the time for expiry checks; its zone applies to {@code expiry-time} values without {@code Z} */
    public ConfigIdentityProvider(ConfigReloadHandle handle, Clock clock) {
        this(handle, clock, LoggerFactory.getLogger(ConfigIdentityProvider.class));
    }

    ConfigIdentityProvider(ConfigReloadHandle handle, Clock clock, Logger log) {
        this.log = Objects.requireNonNull(log, "log");
        this.handle = Objects.requireNonNull(handle, "handle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.authenticator = new KeyAuthenticator(clock, KeyAuthenticator.DEFAULT_CLOCK_SKEW);
    }

    /**
     * Parses every key line of {@code auth} as this provider would.
     *
     * @throws ConfigException for the first unusable line, naming its origin (file and line, or TOML key)
     */
    public static void validate(AuthConfig auth) {
        CompiledAuth.compile(auth, Clock.systemDefaultZone());
    }

    /**
     * Resolves a plain key whose possession the caller has verified; lines with {@code from=} do not match.
     */
    @Override
    public Optional<Identity> resolveFromFingerprint(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Optional<CompiledAuth> auth = snapshot();
        Optional<OpenSshPublicKey> key = auth.flatMap(a -> a.plainKey(fingerprint));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        AuthResult result = authenticator.authenticate(auth.get().keys(), "", key.get(), null);
        return login(auth.get(), result).acceptedIdentity();
    }

    /** Verifies a token without a client address; keys whose lines carry {@code from=} are refused. */
    @Override
    public Optional<Identity> resolveFromToken(AuthToken token) {
        return resolveFromToken(token, null);
    }

    /** Verifies a token; {@code clientIp} ({@code null} when unknown) is checked against {@code from=}. */
    public Optional<Identity> resolveFromToken(AuthToken token, InetAddress clientIp) {
        return authenticateToken(token, clientIp).acceptedIdentity();
    }

    /**
     * Verifies a signed-timestamp token (signature, then the {@code max_age_seconds} window) against the plain
     * Ed25519 keys, then applies the key's line checks as for SSH. Certificates cannot make tokens.
     */
    public LoginResult authenticateToken(AuthToken token, InetAddress clientIp) {
        Objects.requireNonNull(token, "token");
        Optional<CompiledAuth> snapshot = snapshot();
        if (snapshot.isEmpty()) {
            return invalidConfig();
        }
        CompiledAuth auth = snapshot.get();
        Optional<TokenVerifier> verifier = auth.tokens();
        if (verifier.isEmpty()) {
            return new LoginResult.Rejected(AuthFailure.TOKEN_REJECTED, "token auth is disabled");
        }
        TokenResult result = verifier.get().verify(token);
        if (result instanceof TokenResult.Invalid invalid) {
            return new LoginResult.Rejected(AuthFailure.TOKEN_REJECTED,
                    "token: " + invalid.reason().name().toLowerCase(Locale.ROOT));
        }
        OpenSshPublicKey key = ((TokenResult.Valid) result).key();
        return login(auth, authenticator.authenticate(auth.keys(), "", key, clientIp));
    }

    /**
     * Checks a key or certificate as MINA presents it to a server's public key authenticator.
     *
     * <p>A certificate login's identity id is the fingerprint of the certified key (as OpenSSH logs it), with the
     * scopes and resources of the CA entry that admitted it: the CA's grant applies to every key it certifies.
     *
     * @param user the SSH user name, matched against certificate principals (ignored for plain keys)
     * @param clientIp the client's address, {@code null} when the transport has none
     */
    @Override
    public LoginResult authenticate(String user, PublicKey presented, InetAddress clientIp) {
        Optional<CompiledAuth> auth = snapshot();
        return auth.isEmpty() ? invalidConfig()
                : login(auth.get(), authenticator.authenticate(auth.get().keys(), user, presented, clientIp));
    }

    /** As {@link #authenticate(String, PublicKey, InetAddress)} for a parsed plain key. */
    public LoginResult authenticate(String user, OpenSshPublicKey presented, InetAddress clientIp) {
        Optional<CompiledAuth> auth = snapshot();
        return auth.isEmpty() ? invalidConfig()
                : login(auth.get(), authenticator.authenticate(auth.get().keys(), user, presented, clientIp));
    }

    /** As {@link #authenticate(String, PublicKey, InetAddress)} for a parsed certificate. */
    public LoginResult authenticate(String user, SshCertificate presented, InetAddress clientIp) {
        Optional<CompiledAuth> auth = snapshot();
        return auth.isEmpty() ? invalidConfig()
                : login(auth.get(), authenticator.authenticate(auth.get().keys(), user, presented, clientIp));
    }

    private static LoginResult login(CompiledAuth auth, AuthResult result) {
        if (result instanceof AuthResult.Rejected rejected) {
            return new LoginResult.Rejected(rejected.reason(), rejected.detail());
        }
        AuthResult.Accepted ok = (AuthResult.Accepted) result;
        return new LoginResult.Accepted(auth.identity(ok.fingerprint(), ok.entry()), ok);
    }

    private static LoginResult invalidConfig() {
        return new LoginResult.Rejected(AuthFailure.KEY_REJECTED, "the auth config in force is invalid");
    }

    /** The compiled form of the current auth config; empty when it does not parse. */
    private Optional<CompiledAuth> snapshot() {
        AuthConfig auth = handle.current().auth();
        Cached c = cached;
        if (c == null || c.source() != auth) {
            c = recompile(auth);
        }
        return Optional.ofNullable(c.compiled());
    }

    /** Serialised so that each config is parsed, and an invalid one logged, exactly once. */
    private synchronized Cached recompile(AuthConfig auth) {
        Cached c = cached;
        if (c != null && c.source() == auth) {
            return c;
        }
        ConfigException error = null;
        CompiledAuth compiled;
        try {
            compiled = CompiledAuth.compile(auth, clock);
        } catch (ConfigException e) {
            error = e;
            compiled = null;
        }
        c = new Cached(auth, compiled);
        // A caller still holding a replaced snapshot must not put the old config back in the cache.
        if (handle.current().auth() == auth) {
            cached = c;
            if (error != null) {
                log.error("auth config rejected, nobody can authenticate until a valid one is loaded: {}",
                        error.getMessage());
            }
        }
        return c;
    }
}
