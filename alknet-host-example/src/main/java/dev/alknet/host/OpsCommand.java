package dev.alknet.host;

import dev.alknet.core.frame.FrameCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code alknet ops}: what a server's call protocol offers ({@code /services/list}, {@code /services/schema}). */
@Command(name = "ops", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Lists the operations of an alknet server (its own and its workers'), or shows the schema "
                + "of one. Connects as alknet call does."},
        footer = {"", "Exit codes: 0 listed, 1 the call failed or the server could not be reached, 2 bad arguments."})
final class OpsCommand implements Callable<Integer> {

    @ParentCommand
    private Alknet alknet;

    @Option(names = "--schema", paramLabel = "OPERATION",
            description = "print the input and output schemas of this operation (indented JSON)")
    private String schema;

    @Option(names = "--json", description = "print the answer as one line of JSON instead of a table or indented")
    private boolean json;

    @Mixin
    private RemoteFlags flags;

    @Override
    public Integer call() throws IOException, InterruptedException {
        HostContext context = alknet.context();
        String operation = schema != null ? "/services/schema" : "/services/list";
        ObjectNode input = FrameCodec.jsonMapper().createObjectNode();
        if (schema != null) {
            input.put("name", schema);
        }
        try (RemoteSession remote = RemoteSession.open(flags, context)) {
            JsonNode output = remote.call(operation, input);
            PrintWriter out = context.out();
            if (json || schema != null) {
                out.println(JsonText.format(output, !json));
            } else {
                table(out, output.path("operations"));
            }
            out.flush();
            return 0;
        }
    }

    private static void table(PrintWriter out, JsonNode operations) {
        int width = "OPERATION".length();
        for (JsonNode op : operations) {
            width = Math.max(width, op.path("name").asString("").length());
        }
        String row = "%-" + width + "s  %s%n";
        out.printf(row, "OPERATION", "TYPE");
        for (JsonNode op : operations) {
            out.printf(row, op.path("name").asString(""), op.path("op_type").asString(""));
        }
    }
}
