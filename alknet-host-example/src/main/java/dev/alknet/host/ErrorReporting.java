package dev.alknet.host;

import dev.alknet.callproto.CallException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into exit codes and one line on stderr each; a {@code call.error} is {@code CODE: message}. No stack traces: an operator needs the reason and
 * what to do, and a trace would bury both (and could carry values from the config).
 */
final class ErrorReporting {

    static final int FAILURE = 1;
    static final int BAD_USAGE = 2;

    private ErrorReporting() {
    }

    /** Unknown options, bad option values, missing parameters. */
    static int onBadArguments(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String name = cli.getCommandSpec().qualifiedName();
        cli.getErr().println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
        return BAD_USAGE;
    }

    /** What a command threw while running. */
    static int onFailure(Exception e, CommandLine cli, ParseResult parsed) {
        String name = cli.getCommandSpec().qualifiedName();
        if (e instanceof CallException failed) {
            // What the server said is the whole story: its code and message, as an operator greps for them.
            cli.getErr().println(failed.code() + ": " + oneLine(describe(e)));
            return FAILURE;
        }
        if (e instanceof UsageError) {
            cli.getErr().println(name + ": " + oneLine(e.getMessage()));
            return BAD_USAGE;
        }
        cli.getErr().println(name + ": error: " + oneLine(describe(e)));
        return FAILURE;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
