package dev.alknet.host;

import dev.alknet.auth.OpenSshPublicKey;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What {@code alknet serve} prints on start: where it listens, its host key and command lines per SSH listener
 * for our client, for OpenSSH and for the call protocol on its control channel, ready to paste.
 */
final class ConnectHints {

    /** Stands in for the server's name when it listens on all addresses and cannot know how it is reached. */
    static final String ANY_HOST = "SERVER_HOST";

    private ConnectHints() {
    }

    static void print(PrintWriter out, List<InetSocketAddress> bound, List<ListenerConfig> listeners,
            ServerSetup setup) {
        OpenSshPublicKey hostKey = setup.hostKey().publicKey();
        out.println("alknet serve: host key " + hostKey.fingerprint() + " (" + setup.hostKeyFile() + ".pub)");
        for (int i = 0; i < bound.size(); i++) {
            HostPort address = hostPort(bound.get(i));
            boolean tls = listeners.get(i).transport() == TransportKind.TLS;
            out.println("alknet serve: listening on " + address + " (" + listeners.get(i).transport()
                    + (listeners.get(i).stealth() ? ", stealth" : "") + "); connect with:");
            String trust = (tls ? " --transport tls" : "") + " --server-key '" + hostKey.withComment("").toLine() + "'";
            out.println("  alknet connect --server " + address + trust);
            out.println("  " + ssh(address, tls));
            out.println("  alknet ops " + address + trust);
        }
        out.flush();
    }

    /** The address clients use: the bound one, or {@value #ANY_HOST} for a wildcard bind. */
    static HostPort hostPort(InetSocketAddress bound) {
        String host = bound.getAddress() == null || bound.getAddress().isAnyLocalAddress() ? ANY_HOST
                : bound.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        return new HostPort(zone < 0 ? host : host.substring(0, zone), bound.getPort());
    }

    // OpenSSH cannot speak TLS itself: openssl carries it, which also shows the way through stealth mode.
    private static String ssh(HostPort address, boolean tls) {
        String proxy = tls ? "-o ProxyCommand='openssl s_client -quiet -connect " + address + "' " : "";
        return "ssh -N -D 1080 " + proxy + "-p " + address.port() + " alknet@" + address.host();
    }
}
