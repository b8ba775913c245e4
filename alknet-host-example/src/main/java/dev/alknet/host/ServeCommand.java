package dev.alknet.host;

import dev.alknet.callproto.Head;
import dev.alknet.callproto.OperationRegistry;
import dev.alknet.callproto.net.CallServer;
import dev.alknet.callproto.net.ControlChannelSessions;
import dev.alknet.callproto.net.ProtocolServer;
import dev.alknet.callproto.net.SessionAcceptor;
import dev.alknet.callproto.net.WebSocketServer;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.InterfaceKind;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.storage.StorageService;
import dev.alknet.transport.AlknetServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code alknet serve}: runs the SSH tunnel server and a call-protocol head until SIGTERM or SIGINT. The head is
 * reachable on every SSH listener's control channel ({@code alknet-control:0}) and on {@code interface = "raw"}
 * listeners.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Runs the alknet SSH server: public key logins only, forwarding under the config's policy.",
                "It is also a head of the call protocol (alknet call, alknet ops): on the SSH control channel "
                        + "alknet-control:0, which the policy must allow (the embedded default does), and on "
                        + "[[listeners]] with interface = \"raw\" or \"websocket\".",
                "Precedence: flags, then the --config file, then the embedded default (loopback tcp 127.0.0.1:2222, "
                        + "forwarding denied but for the control channel, host key and authorized_keys in the data "
                        + "directory)."},
        footer = {"", "Exit codes: 0 stopped by SIGTERM/SIGINT, 1 runtime failure, 2 bad flags or config."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    private static final Duration CALL_DRAIN = Duration.ofSeconds(2);

    @ParentCommand
    private Alknet alknet;

    @Mixin
    private ServeFlags flags;

    @Override
    public Integer call() throws IOException, InterruptedException {
        HostContext context = alknet.context();
        context.stop().watch();
        ServerSetup setup = ServerSetup.assemble(flags, context.env());
        ConfigReloadHandle config = new ConfigReloadHandle(setup.config().dynamicConfig());
        OperationRegistry operations = OperationRegistry.create();
        CallFlow.install(operations, flags.node);
        if (flags.demoOps) {
            DemoOps.register(operations, flags.node);
        }
        // Storage closes last, once the call servers have drained and no call can reach it.
        try (StorageService storage = StorageSetup.open(setup.storage())) {
            StorageOps.register(operations, flags.node, storage);
            return serve(context, setup, config, operations, ServeLogins.of(flags.identities, config, storage));
        }
    }

    private int serve(HostContext context, ServerSetup setup, ConfigReloadHandle config,
            OperationRegistry operations, ServeLogins logins) throws IOException, InterruptedException {
        List<ListenerConfig> ssh = listeners(setup, InterfaceKind.SSH);
        List<ListenerConfig> raw = listeners(setup, InterfaceKind.RAW);
        List<ListenerConfig> websocket = listeners(setup, InterfaceKind.WEBSOCKET);
        // Closed in reverse: the listeners stop before the head drops its workers.
        try (Head head = Head.builder(operations).start();
                AlknetServer sshServer = ssh.isEmpty() ? null : sshServer(setup, ssh, config, operations, logins);
                CallServer rawServer = raw.isEmpty() ? null : rawServer(raw, logins, operations);
                WebSocketServer webSocketServer = websocket.isEmpty() ? null
                        : webSocketServer(websocket, logins, operations)) {
            List<InetSocketAddress> sshBound = sshServer == null ? List.of() : sshServer.listenAddresses();
            List<InetSocketAddress> rawBound = rawServer == null ? List.of() : rawServer.listenAddresses();
            List<InetSocketAddress> webSocketBound = webSocketServer == null ? List.of()
                    : webSocketServer.listenAddresses();
            log(sshBound, ssh);
            log(rawBound, raw);
            log(webSocketBound, websocket);
            ConnectHints.print(context.out(), sshBound, ssh, setup);
            boolean tokens = setup.config().dynamicConfig().auth().token().enabled();
            CallHints.print(context.out(), rawBound, raw, tokens);
            CallHints.printWebSocket(context.out(), webSocketBound, websocket, tokens);
            context.out().println("alknet serve: storage operations /" + flags.node + "/storage/... on "
                    + setup.storage().dialect().name().toLowerCase(Locale.ROOT));
            if (flags.identities == ServeLogins.Source.STORAGE) {
                context.out().println("alknet serve: logins are checked against the accounts and keys in storage; "
                        + "add them with 'alknet identity add-account' and 'alknet identity add-key'");
            }
            if (flags.demoOps) {
                context.out().println("alknet serve: demo operations /" + flags.node + "/demo/echo and /"
                        + flags.node + "/demo/ticks");
                context.out().flush();
            }
            context.stop().await();
            LOG.info("shutting down");
            // Calls in flight get the same 2 s the SSH sessions get; the try block then closes what is left.
            for (ProtocolServer callServer : new ProtocolServer[] {rawServer, webSocketServer}) {
                if (callServer != null) {
                    callServer.closeGracefully(CALL_DRAIN);
                }
            }
        }
        return 0;
    }

    private static List<ListenerConfig> listeners(ServerSetup setup, InterfaceKind kind) {
        return setup.config().staticConfig().listeners().stream().filter(l -> l.interfaceKind() == kind).toList();
    }

    private static AlknetServer sshServer(ServerSetup setup, List<ListenerConfig> listeners,
            ConfigReloadHandle config, OperationRegistry operations, ServeLogins logins) throws IOException {
        AlknetServer.Builder builder = AlknetServer.builder()
                .config(config)
                .logins(logins.logins())
                .hostKey(setup.hostKey())
                .proxy(setup.config().staticConfig().proxy().orElse(null))
                .controlChannelHandler(new ControlChannelSessions(SessionAcceptor.serving(operations)));
        listeners.forEach(builder::listener);
        return builder.start();
    }

    /** Tokens are checked against the same keys (and reloads) as SSH logins. */
    private static CallServer rawServer(List<ListenerConfig> listeners, ServeLogins logins,
            OperationRegistry operations) throws IOException {
        CallServer.Builder builder = CallServer.builder(SessionAcceptor.serving(operations))
                .identities(logins.tokens());
        listeners.forEach(builder::listener);
        return builder.start();
    }

    /** The same keys (and reloads) as SSH logins check the WebSocket upgrade's token. */
    private static WebSocketServer webSocketServer(List<ListenerConfig> listeners, ServeLogins logins,
            OperationRegistry operations) throws IOException {
        WebSocketServer.Builder builder = WebSocketServer.builder(SessionAcceptor.serving(operations))
                .identities(logins.tokens());
        listeners.forEach(builder::listener);
        return builder.start();
    }

    private static void log(List<InetSocketAddress> bound, List<ListenerConfig> listeners) {
        for (int i = 0; i < bound.size(); i++) {
            LOG.info("listening on {} ({}, {})", ConnectHints.hostPort(bound.get(i)), listeners.get(i).transport(),
                    listeners.get(i).interfaceKind());
        }
    }
}
