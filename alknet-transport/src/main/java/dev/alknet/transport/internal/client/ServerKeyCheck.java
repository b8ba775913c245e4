package dev.alknet.transport.internal.client;

import dev.alknet.auth.KeyFormatException;
import dev.alknet.auth.OpenSshPublicKey;
import dev.alknet.core.config.HostPort;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the server's host key is the right one: a pinned key, a known-hosts file (trust on first use),
 * or anything when the user explicitly opted out. MINA only learns "rejected", so the reason is kept for
 * {@link #takeRejection} to turn into the error the caller sees. It is kept here rather than as a session
 * attribute because MINA clears those when the session closes, which races with reading it.
 */
public final class ServerKeyCheck implements ServerKeyVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(ServerKeyCheck.class);

    private final HostPort server;
    private final OpenSshPublicKey pinned;
    private final KnownHostsFile knownHosts;
    private final Map<ClientSession, String> rejections = new ConcurrentHashMap<>();

    private ServerKeyCheck(HostPort server, OpenSshPublicKey pinned, KnownHostsFile knownHosts) {
        this.server = Objects.requireNonNull(server, "server");
        this.pinned = pinned;
        this.knownHosts = knownHosts;
    }

    public static ServerKeyCheck pinned(HostPort server, OpenSshPublicKey key) {
        return new ServerKeyCheck(server, Objects.requireNonNull(key, "key"), null);
    }

    public static ServerKeyCheck knownHosts(HostPort server, KnownHostsFile file) {
        return new ServerKeyCheck(server, null, Objects.requireNonNull(file, "file"));
    }

    public static ServerKeyCheck insecure(HostPort server) {
        LOG.warn("server host key verification is off (insecure): anyone on the path to {} can impersonate the "
                + "server; pin its key or use a known-hosts file instead", server);
        return new ServerKeyCheck(server, null, null);
    }

    /** Why the host key of {@code session} was refused, if it was; forgets it. */
    public String takeRejection(ClientSession session) {
        return rejections.remove(session);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        String refusal;
        try {
            refusal = check(serverKey);
        } catch (KeyFormatException e) {
            refusal = "the server " + server + " offered a host key alknet does not accept: " + e.getMessage();
        } catch (UncheckedIOException e) {
            refusal = e.getMessage();
        }
        if (refusal != null) {
            rejections.put(session, refusal);
            return false;
        }
        return true;
    }

    private String check(PublicKey serverKey) {
        if (pinned != null) {
            return KeyUtils.compareKeys(pinned.publicKey(), serverKey) ? null
                    : "host key mismatch for " + server + ": expected " + pinned.fingerprint() + " (pinned), the "
                            + "server offered " + OpenSshPublicKey.of(serverKey).fingerprint();
        }
        if (knownHosts != null) {
            return knownHosts.verify(server, OpenSshPublicKey.of(serverKey));
        }
        return null;
    }
}
