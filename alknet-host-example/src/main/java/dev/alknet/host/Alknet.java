package dev.alknet.host;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code alknet} command: {@code serve}, {@code connect}, {@code call}, {@code ops}, {@code keygen}, {@code secret}
 * and {@code identity}.
 *
 * <p>Exit codes: 0 success (a server or client stopped by SIGTERM/SIGINT included), 1 a runtime failure (e.g. the
 * listen address is in use), 2 bad flags or a bad config — always as one line on stderr, never a stack trace.
 */
@Command(name = "alknet", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Self-hosted authenticated tunnels: SSH over TCP or TLS, SOCKS5 and port forwarding, and calls "
                + "to the operations of a call-protocol head.",
        subcommands = {ServeCommand.class, ConnectCommand.class, CallCommand.class, OpsCommand.class,
                KeygenCommand.class, SecretCommand.class, IdentityCommand.class,
                CommandLine.HelpCommand.class})
public final class Alknet implements Runnable {

    private final HostContext context;

    Alknet(HostContext context) {
        this.context = context;
    }

    HostContext context() {
        return context;
    }

    @Spec
    private CommandSpec spec;

    /** Without a subcommand there is nothing to do but say what there is. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: use serve, connect, call, ops, keygen, secret or identity");
    }

    public static void main(String[] args) {
        ProcessSignals signals = ProcessSignals.install();
        HostContext context = new HostContext(System.getenv(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), signals);
        signals.exit(run(context, args));
    }

    /** Runs one command line in this process and returns its exit code; tests call this directly. */
    static int run(HostContext context, String... args) {
        CommandLine cli = new CommandLine(new Alknet(context));
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setParameterExceptionHandler(ErrorReporting::onBadArguments);
        cli.setExecutionExceptionHandler(ErrorReporting::onFailure);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
