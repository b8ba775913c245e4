package dev.alknet.host;

import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.AlknetServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code alknet serve}: runs the SSH tunnel server until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Runs the alknet SSH server: public key logins only, forwarding under the config's policy.",
                "Precedence: flags, then the --config file, then the embedded default (loopback tcp 127.0.0.1:2222, "
                        + "forwarding denied, host key and authorized_keys in the data directory)."},
        footer = {"", "Exit codes: 0 stopped by SIGTERM/SIGINT, 1 runtime failure, 2 bad flags or config."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    private Alknet alknet;

    @Mixin
    private ServeFlags flags;

    @Override
    public Integer call() throws IOException, InterruptedException {
        HostContext context = alknet.context();
        ServerSetup setup = ServerSetup.assemble(flags, context.env());
        List<ListenerConfig> listeners = setup.config().staticConfig().listeners();
        try (AlknetServer server = AlknetServer.builder()
                .staticConfig(setup.config().staticConfig())
                .config(new ConfigReloadHandle(setup.config().dynamicConfig()))
                .hostKey(setup.hostKey())
                .start()) {
            List<InetSocketAddress> bound = server.listenAddresses();
            for (int i = 0; i < bound.size(); i++) {
                LOG.info("listening on {} ({})", ConnectHints.hostPort(bound.get(i)), listeners.get(i).transport());
            }
            ConnectHints.print(context.out(), bound, listeners, setup);
            context.stop().await();
            LOG.info("shutting down");
        }
        return 0;
    }
}
