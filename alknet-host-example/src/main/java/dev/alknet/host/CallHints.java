package dev.alknet.host;

import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What {@code alknet serve} prints for its call-protocol listeners: for raw framing where and an {@code alknet ops}
 * line each, for WebSocket the URL to connect to and an {@code alknet ops} line.
 */
final class CallHints {

    private CallHints() {
    }

    static void print(PrintWriter out, List<InetSocketAddress> bound, List<ListenerConfig> listeners,
            boolean tokens) {
        for (int i = 0; i < bound.size(); i++) {
            HostPort address = ConnectHints.hostPort(bound.get(i));
            boolean tls = listeners.get(i).transport() == TransportKind.TLS;
            out.println("alknet serve: listening on " + address + " (" + listeners.get(i).transport()
                    + ", raw framing: the call protocol); call with:");
            out.println("  alknet ops --raw " + address + (tls ? " --transport tls" : "")
                    + (tokens ? "" : " --anonymous"));
        }
        if (!bound.isEmpty() && !tokens) {
            // Without tokens nobody can prove who they are on these listeners, so only unrestricted operations work.
            out.println("alknet serve: token auth is off, raw framing sessions are anonymous; "
                    + "set [auth.token] enabled = true to call as a key");
        }
        out.flush();
    }

    static void printWebSocket(PrintWriter out, List<InetSocketAddress> bound, List<ListenerConfig> listeners,
            boolean tokens) {
        for (int i = 0; i < bound.size(); i++) {
            ListenerConfig listener = listeners.get(i);
            String scheme = listener.transport() == TransportKind.TLS ? "wss" : "ws";
            String url = scheme + "://" + ConnectHints.hostPort(bound.get(i)) + listener.websocketPath();
            out.println("alknet serve: call protocol over WebSocket at " + url
                    + (tokens ? " (token in 'Authorization: Bearer' or ?token=)" : " (anonymous: token auth is off)")
                    + "; call with:");
            out.println("  alknet ops " + url + (tokens ? "" : " --anonymous"));
        }
        out.flush();
    }
}
