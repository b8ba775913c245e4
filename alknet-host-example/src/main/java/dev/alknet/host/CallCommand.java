package dev.alknet.host;

import dev.alknet.callproto.OperationSpec;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code alknet call}: one operation of a server's call protocol, its answer on stdout. */
@Command(name = "call", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Calls an operation of an alknet server (alknet serve, a head) and prints its output as JSON.",
                "Over SSH by default: the identity logs in and the call runs on the control channel "
                        + "alknet-control:0; with --raw over a raw framing listener, and with a ws:// or wss:// "
                        + "URL over a WebSocket listener, logged in by a token."},
        footer = {"", "Exit codes: 0 answered (or a subscription stopped by SIGINT/SIGTERM), 1 the call failed "
                + "(call.error as 'CODE: message' on stderr) or the server could not be reached, 2 bad arguments.",
                "", "Example: alknet call 127.0.0.1:2222 /services/schema '{\"name\": \"/services/list\"}' --pretty"})
final class CallCommand implements Callable<Integer> {

    @ParentCommand
    private Alknet alknet;

    @Parameters(index = "1", paramLabel = "OPERATION", description = "e.g. /services/list or /w1/files/read")
    private String operation;

    @Parameters(index = "2", paramLabel = "JSON", arity = "0..1", description = "the input (default: {})")
    private String input = "{}";

    @Option(names = "--subscribe", description = "the operation is a subscription: print one JSON line per item "
            + "until it completes or SIGINT/SIGTERM (which aborts it)")
    private boolean subscribe;

    @Option(names = "--pretty", description = "indent the output")
    private boolean pretty;

    @Mixin
    private RemoteFlags flags;

    @Override
    public Integer call() throws IOException, InterruptedException {
        HostContext context = alknet.context();
        if (pretty && subscribe) {
            throw new UsageError("--pretty and --subscribe do not go together: a stream prints one line per item");
        }
        try {
            OperationSpec.checkPath(operation);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage(), e);
        }
        JsonNode in = JsonText.parse("the input", input);
        try (RemoteSession remote = RemoteSession.open(flags, context)) {
            if (subscribe) {
                remote.print(operation, in, context.out());
            } else {
                context.out().println(JsonText.format(remote.call(operation, in), pretty));
                context.out().flush();
            }
            return 0;
        }
    }
}
