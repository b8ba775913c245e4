package dev.alknet.host;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;

/**
 * What a command reads from and writes to outside its flags. Passed in rather than taken from {@link System} so
 * that tests run commands in-process with their own environment, streams and stop signal.
 *
 * @param env environment variables ({@code ALKNET_HOME}, {@code ALKNET_SERVER}, {@code ALKNET_IDENTITY}, {@code HOME})
 * @param out what the operator is told: keys, addresses, how to connect
 * @param err error lines (logs go to stderr through logback, not through here)
 * @param stop what long-running commands wait on before shutting down
 */
record HostContext(Map<String, String> env, PrintWriter out, PrintWriter err, StopSignal stop) {

    HostContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(stop, "stop");
    }
}
