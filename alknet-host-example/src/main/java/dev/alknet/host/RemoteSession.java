package dev.alknet.host;

import dev.alknet.auth.KeyFormatException;
import dev.alknet.auth.TokenSigner;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.net.CallClient;
import dev.alknet.callproto.net.ControlChannelSessions;
import dev.alknet.callproto.net.TunnelStream;
import dev.alknet.callproto.net.WebSocketCallClient;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.config.HostPort;
import dev.alknet.transport.AlknetClient;
import dev.alknet.transport.ClientTls;
import dev.alknet.transport.TlsClientSettings;
import dev.alknet.transport.TlsFileException;
import dev.alknet.transport.Tunnel;
import dev.alknet.transport.TunnelOpenException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * A call-protocol session to a server for {@code call} and {@code ops}, over the SSH control channel, raw
 * framing or WebSocket. The server's operations are called; this side offers none.
 */
final class RemoteSession implements AutoCloseable {

    private static final long OPEN_TIMEOUT_SECONDS = 30;

    private final CallSession session;
    private final Runnable closeClient;
    private final StopWatch stop;

    /** A session and how to close the client under it. */
    private record Connection(CallSession session, Runnable closeClient) {
    }

    private RemoteSession(Connection connection, StopWatch stop) {
        this.session = connection.session();
        this.closeClient = connection.closeClient();
        this.stop = stop;
    }

    /**
     * Checks the flags, then connects.
     *
     * @throws UsageError when the flags cannot work together
     * @throws IOException when the server cannot be reached or refuses the channel
     * @throws CallException when the server refuses the token
     */
    static RemoteSession open(RemoteFlags flags, HostContext context) throws IOException, InterruptedException {
        Connection connection = connect(flags, flags.server, context.env());
        // Waits for answers end on SIGINT/SIGTERM too, and abort what they waited for.
        return new RemoteSession(connection, StopWatch.start(context.stop()));
    }

    private static Connection connect(RemoteFlags flags, RemoteServer server, Map<String, String> env)
            throws IOException, InterruptedException {
        if (server.isWebSocket()) {
            if (flags.raw) {
                throw new UsageError("--raw is for HOST:PORT of a raw listener; a ws:// or wss:// URL is WebSocket");
            }
            if (flags.client.touchesSsh() || flags.client.transport != null) {
                throw new UsageError("--user, --server-key, --known-hosts and --transport are not for WebSocket: the "
                        + "URL's scheme says whether it is TLS (wss://), checked with --tls-ca or --tls-pin");
            }
            return webSocket(flags, server, env);
        }
        if (flags.raw) {
            if (flags.client.touchesSsh()) {
                throw new UsageError("--user, --server-key and --known-hosts are for SSH; with --raw the server is "
                        + "checked by TLS (--transport tls with --tls-ca or --tls-pin)");
            }
            return raw(flags, server.address(), env);
        }
        if (flags.anonymous) {
            throw new UsageError("--anonymous needs --raw or a WebSocket URL: SSH always logs in with a key");
        }
        return ssh(flags.client, server.address(), env);
    }

    /**
     * Calls {@code operation} and waits for the answer.
     *
     * @throws CallException when the call ended in {@code call.error}
     * @throws IOException when the command was stopped first (the call is aborted then)
     */
    JsonNode call(String operation, JsonNode input) throws IOException, InterruptedException {
        CompletableFuture<JsonNode> answer = session.call(operation, input);
        if (awaitOrStop(answer)) {
            throw new IOException("stopped before the answer came; the call was aborted");
        }
        return answer.join();
    }

    /**
     * Subscribes to {@code operation} and prints its items until it completes or the command is stopped (the
     * server is then sent {@code call.aborted}).
     *
     * @throws CallException when the stream ended in {@code call.error}
     */
    void print(String operation, JsonNode input, PrintWriter out) throws InterruptedException {
        StreamPrinter printer = new StreamPrinter(out);
        session.subscribe(operation, input).subscribe(printer);
        if (awaitOrStop(printer.done())) {
            printer.cancel();
        }
    }

    /** @return whether the command was stopped before {@code work} finished (successfully) */
    private boolean awaitOrStop(CompletableFuture<?> work) throws InterruptedException {
        try {
            CompletableFuture.anyOf(work, stop.stopped()).get();
        } catch (ExecutionException e) {
            // Only work can fail; the cause is read from it below.
        }
        if (!work.isDone()) {
            work.cancel(true);
            return true;
        }
        try {
            work.get();
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static Connection ssh(ClientFlags flags, HostPort server, Map<String, String> env)
            throws IOException, InterruptedException {
        AlknetClient client = ClientSetup.ssh(flags, server, env).build();
        try {
            client.connect();
            Tunnel channel = controlChannel(client);
            TransportInfo info = TransportInfo.of(InetSocketAddress.createUnresolved(server.host(), server.port()),
                    ClientSetup.transport(flags));
            // The server's identity is proven by its host key; no operation here needs it as a peer.
            return new Connection(CallSession.builder(TunnelStream.over(channel, info), Identity.anonymous())
                    .start(), client::close);
        } catch (IOException | InterruptedException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static Tunnel controlChannel(AlknetClient client) throws IOException, InterruptedException {
        try {
            return client.openChannel(ControlChannelSessions.HOST, ControlChannelSessions.PORT)
                    .get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the server did not open the control channel within " + OPEN_TIMEOUT_SECONDS
                    + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TunnelOpenException refused
                    && refused.reason() == TunnelOpenException.Reason.PROHIBITED) {
                throw new IOException("the server's forwarding policy does not allow the control channel "
                        + ControlChannelSessions.HOST + ":" + ControlChannelSessions.PORT + " for this key (a rule "
                        + "target = \"" + ControlChannelSessions.HOST + ":0\", action = \"allow\" does)", refused);
            }
            throw new IOException("cannot open the control channel: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Connection raw(RemoteFlags flags, HostPort server, Map<String, String> env)
            throws IOException {
        CallClient.Builder builder = CallClient.builder();
        ClientSetup.tls(flags.client).ifPresent(tls -> builder.tls(clientTls(tls)));
        // One connection, so one token: the signer (and the key in it) is closed as soon as it is connected.
        try (TokenSigner signer = flags.anonymous ? null : signer(flags.client, env)) {
            if (signer != null) {
                builder.token(signer::sign);
            }
            CallClient client = builder.build();
            try {
                return new Connection(client.connect(server.host(), server.port()), client::close);
            } catch (IOException | RuntimeException e) {
                client.close();
                throw e;
            }
        }
    }

    private static Connection webSocket(RemoteFlags flags, RemoteServer server, Map<String, String> env)
            throws IOException {
        WebSocketCallClient.Builder builder = WebSocketCallClient.builder();
        if (server.secure()) {
            builder.tls(clientTls(ClientSetup.tlsSettings(flags.client)));
        } else if (flags.client.touchesTls()) {
            throw new UsageError("--tls-server-name, --tls-ca, --tls-pin and --insecure need a wss:// URL");
        }
        try (TokenSigner signer = flags.anonymous ? null : signer(flags.client, env)) {
            if (signer != null) {
                builder.token(signer::sign);
            }
            WebSocketCallClient client = builder.build();
            try {
                return new Connection(client.connect(server.webSocket()), client::close);
            } catch (IOException | RuntimeException e) {
                client.close();
                throw e;
            }
        }
    }

    private static ClientTls clientTls(TlsClientSettings settings) {
        try {
            return ClientTls.create(settings);
        } catch (TlsFileException e) {
            throw new UsageError(e.getMessage(), e);
        }
    }

    private static TokenSigner signer(ClientFlags flags, Map<String, String> env) {
        try {
            return TokenSigner.of(ClientSetup.identity(flags, env));
        } catch (KeyFormatException e) {
            throw new UsageError("--identity: cannot sign tokens with this key: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop.close();
        try {
            session.close();
        } finally {
            closeClient.run();
        }
    }
}
