package dev.alknet.host;

import dev.alknet.core.config.HostPort;
import dev.alknet.transport.AlknetClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code alknet connect}: one SSH session with a SOCKS5 front end and forwards, until SIGTERM or SIGINT. */
@Command(name = "connect", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Connects to an alknet server and serves SOCKS5 (with remote DNS) and the given forwards "
                + "through it; reconnects on its own after the connection drops."},
        footer = {"", "Exit codes: 0 stopped by SIGTERM/SIGINT, 1 the first connection failed, 2 bad flags."})
final class ConnectCommand implements Callable<Integer> {

    @ParentCommand
    private Alknet alknet;

    @Mixin
    private ConnectFlags flags;

    @Override
    public Integer call() throws IOException, InterruptedException {
        HostContext context = alknet.context();
        context.stop().watch();
        ClientSetup setup = ClientSetup.assemble(flags, context.env());
        try (AlknetClient client = setup.builder().build()) {
            client.connect();
            PrintWriter out = context.out();
            out.println("alknet connect: connected to " + setup.server());
            client.socksAddress().ifPresent(a -> out.println("alknet connect: SOCKS5 on " + text(a)));
            client.localForwardAddresses().forEach(a -> out.println("alknet connect: forwarding " + text(a)));
            out.flush();
            context.stop().await();
        }
        return 0;
    }

    private static String text(InetSocketAddress address) {
        return new HostPort(address.getAddress().getHostAddress(), address.getPort()).toString();
    }
}
