package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** Runs {@code alknet} command lines in this JVM with their own environment, streams and stop signal. */
final class Cli {

    record Result(int exitCode, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }

        /** Exit code 2 and one stderr line from {@code command} naming the problem, with no stack trace. */
        void assertBadUsage(String command, String expected) {
            assertThat(exitCode).as(err).isEqualTo(2);
            assertThat(errLines()).singleElement().asString().startsWith(command + ": ").contains(expected)
                    .doesNotContain("Exception", "\tat ");
            assertThat(out).isEmpty();
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    HostContext context(Writer out, Writer err) {
        return new HostContext(env, new PrintWriter(out, true), new PrintWriter(err, true), stop::await);
    }

    /** Asks a running serve or connect to shut down, as SIGTERM does. */
    void stop() {
        stop.countDown();
    }

    /** Starts a long-running command (serve, connect) on its own thread; it returns after {@link #stop()}. */
    CompletableFuture<Integer> start(LineSink out, LineSink err, String... args) {
        return CompletableFuture.supplyAsync(() -> Alknet.run(context(out, err), args),
                task -> new Thread(task, "alknet " + args[0]).start());
    }

    /** {@code alknet identity ARGS --data-dir DIR}; fails the test unless it exits 0, returns its output. */
    static String identity(Path dataDir, String... args) {
        List<String> command = new ArrayList<>(List.of("identity"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dataDir.toString()));
        Result result = new Cli().run(command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Alknet.run(context(out, err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
