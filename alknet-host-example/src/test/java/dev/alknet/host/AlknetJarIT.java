package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.testkit.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as an operator runs it: a separate {@code java -jar alknet.jar serve} process, reached by the real
 * OpenSSH client or by {@code alknet call} processes with the line it prints, stopped by SIGTERM with exit code 0.
 */
class AlknetJarIT {

    private static final Path JAR = Path.of("target", "alknet.jar");

    @TempDir
    Path dir;

    private TestHttp http;
    private Process server;
    private Process ssh;
    private Process stream;

    @BeforeEach
    void keys() throws IOException {
        assertThat(JAR).as("run through 'mvn verify', which builds the jar first").isRegularFile();
        http = new TestHttp();
        assertThat(new Cli().run("keygen", "--data-dir", dir.toString()).exitCode()).isZero();
        Files.copy(dir.resolve(DataDir.IDENTITY + ".pub"), dir.resolve(DataDir.AUTHORIZED_KEYS));
    }

    @AfterEach
    void cleanUp() {
        for (Process p : new Process[] {ssh, stream, server}) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
        http.close();
    }

    private LineSink serve(String... flags) throws IOException {
        return serveWithJvmOptions(List.of(), flags);
    }

    private LineSink serveWithJvmOptions(List<String> jvmOptions, String... flags) throws IOException {
        List<String> command = alknet("serve", "--data-dir", dir.toString(), "--listen", "127.0.0.1:0");
        command.addAll(1, jvmOptions);
        command.addAll(List.of(flags));
        server = new ProcessBuilder(command).redirectError(dir.resolve("serve.log").toFile()).start();
        return LineSink.of(server.getInputStream());
    }

    private static List<String> alknet(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** A config whose one forwarding rule allows the test's HTTP server, with {@code more} in that rule. */
    private Path allowOnlyTheHttpServer(String more) throws IOException {
        return Files.writeString(dir.resolve("alknet.toml"), """
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "127.0.0.1:%d"
                action = "allow"
                """.formatted(http.port()) + more);
    }

    /** A config with one raw listener (the flags move it to a free port) taking tokens, and {@code more}. */
    private Path rawListenerConfig(String more) throws IOException {
        return Files.writeString(dir.resolve("alknet.toml"), """
                [[listeners]]
                listen = "127.0.0.1:2222"
                interface = "raw"
                """ + more + """
                [auth.token]
                enabled = true
                """);
    }

    /** The raw listener's address from the {@code alknet ops --raw ...} line serve prints. */
    private static String rawAddress(LineSink out) throws InterruptedException {
        return Shell.words(out.await(l -> l.strip().startsWith("alknet ops --raw "))).get(3);
    }

    /** Runs {@code alknet call ...} to its end; returns its exit code, stdout and stderr. */
    private Cli.Result call(String... args) throws Exception {
        return run("call", args);
    }

    /** Runs {@code alknet <command> --data-dir <dir> args...} to its end. */
    private Cli.Result run(String subcommand, String... args) throws Exception {
        List<String> command = alknet(subcommand, "--data-dir", dir.toString());
        command.addAll(List.of(args));
        Process call = new ProcessBuilder(command).redirectError(dir.resolve("call.err").toFile()).start();
        String out = new String(call.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(call.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(call.exitValue(), out, Files.readString(dir.resolve("call.err")));
    }

    /** Starts the printed {@code ssh -N -D ...} with a free -D port and this test's key; returns that port. */
    private int sshDynamicForward(LineSink out, String ssh) throws Exception {
        List<String> printed = Shell.words(out.await(l -> l.strip().startsWith("ssh ")));
        int socksPort = Tools.freePort();
        List<String> command = new ArrayList<>(List.of(ssh, "-i", dir.resolve(DataDir.IDENTITY).toString(),
                "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"));
        command.addAll(printed.subList(1, printed.size()));
        command.set(command.indexOf("-D") + 1, "127.0.0.1:" + socksPort);
        this.ssh = new ProcessBuilder(command).redirectErrorStream(true).start();
        LineSink sshOut = LineSink.of(this.ssh.getInputStream());
        awaitListening(socksPort, sshOut);
        return socksPort;
    }

    private void awaitListening(int port, LineSink sshOut) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port));
                return;
            } catch (IOException notYet) {
                assertThat(ssh.isAlive()).as("ssh exited: " + sshOut.text()).isTrue();
                Thread.sleep(100);
            }
        }
        throw new AssertionError("ssh -D never listened: " + sshOut.text());
    }

    private void stopAndExpectExitZero() throws Exception {
        ssh.destroy();
        server.destroy(); // SIGTERM
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).as(Files.readString(dir.resolve("serve.log"))).isZero();
    }

    /** SIGTERM stops the server cleanly with exit code 0 and the JVM's other shutdown hooks still run. */
    @Test
    void sigtermLetsOtherShutdownHooksRunAJfrRecordingIsDumped() throws Exception {
        Path recording = dir.resolve("exit.jfr");
        LineSink out = serveWithJvmOptions(List.of("-XX:StartFlightRecording=dumponexit=true,filename=" + recording));
        out.await(l -> l.strip().startsWith("ssh "));
        server.destroy(); // SIGTERM
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).as(Files.readString(dir.resolve("serve.log"))).isZero();
        assertThat(recording).as("the recording JFR writes from its own shutdown hook").isNotEmptyFile();
    }

    @Test
    void theEmbeddedDefaultAdmitsTheDataDirKeyAndDeniesForwarding() throws Exception {
        String sshPath = Tools.require("ssh");
        LineSink out = serve();

        int socksPort = sshDynamicForward(out, sshPath);

        InetSocketAddress socks = new InetSocketAddress("127.0.0.1", socksPort);
        assertThatThrownBy(() -> TestHttp.getThroughSocks(socks, "127.0.0.1", http.port()))
                .as("forwarding is denied by default").isInstanceOf(IOException.class);
        assertThat(Files.readString(dir.resolve("serve.log")))
                .contains("alknet.auth - auth attempt remote_addr=127.0.0.1 ").contains("result=accept");
        stopAndExpectExitZero();
    }

    @Test
    void callAgainstARawListenerExitsWithTheCallsOutcomeAndStopsAStreamOnSigterm() throws Exception {
        Path config = rawListenerConfig("");
        LineSink out = serve("--config", config.toString(), "--demo-ops");
        String raw = rawAddress(out);

        Cli.Result echo = call("--raw", raw, "/head/demo/echo", "{\"a\": 1}");
        Cli.Result missing = call("--raw", raw, "/nowhere/op");

        assertThat(echo.exitCode()).as(echo.err()).isZero();
        assertThat(echo.out()).isEqualTo("{\"a\":1}\n");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLines()).anySatisfy(l -> assertThat(l).startsWith("OPERATION_NOT_FOUND: "));

        List<String> command = alknet("call", "--data-dir", dir.toString(), "--raw", raw, "/head/demo/ticks",
                "{\"interval_ms\": 10}", "--subscribe");
        stream = new ProcessBuilder(command).redirectError(dir.resolve("stream.err").toFile()).start();
        LineSink items = LineSink.of(stream.getInputStream());
        items.await(l -> l.equals("{\"tick\":2}"));
        stream.destroy(); // SIGTERM
        assertThat(stream.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.exitValue()).as(Files.readString(dir.resolve("stream.err"))).isZero();

        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).as(Files.readString(dir.resolve("serve.log"))).isZero();
    }

    @Test
    void storageOperationsWriteAFileInTheDataDirAndKeepItAcrossARestart() throws Exception {
        storageKeepsNodesAcrossARestart();
        assertThat(dir.resolve("system.db")).isRegularFile();
    }

    @Test
    void storageOperationsUseAPostgresqlServerGivenByJdbcUrl() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgres.NO_SYNC)) {
            postgres.createDatabase("alknet", null);
            storageKeepsNodesAcrossARestart("--storage", postgres.jdbcUrl("alknet"),
                    "--storage-user", EmbeddedPostgres.SUPERUSER);
            assertThat(dir.resolve("system.db")).doesNotExist();
        }
    }

    /** Writes a typed node through the storage operations, restarts the server and reads it back. */
    private void storageKeepsNodesAcrossARestart(String... storageFlags) throws Exception {
        Path config = rawListenerConfig("""
                [auth]
                default_scopes = ["storage:read", "storage:write", "admin"]
                """);
        List<String> flags = new ArrayList<>(List.of("--config", config.toString()));
        flags.addAll(List.of(storageFlags));
        String raw = rawAddress(serve(flags.toArray(String[]::new)));

        String typeId = JsonText.parse("type", call("--raw", raw, "/head/storage/createGraphType",
                "{\"name\": \"notes\"}").out()).get("id").stringValue();
        call("--raw", raw, "/head/storage/createNodeType", "{\"graph_type_id\": \"" + typeId + "\", "
                + "\"name\": \"note\", \"schema\": {\"required\": [\"text\"]}}");
        String graphId = JsonText.parse("graph", call("--raw", raw, "/head/storage/createGraph",
                "{\"graph_type_id\": \"" + typeId + "\", \"name\": \"mine\"}").out()).get("id").stringValue();
        Cli.Result added = call("--raw", raw, "/head/storage/addNode", "{\"graph_id\": \"" + graphId + "\", "
                + "\"type\": \"note\", \"key\": \"n1\", \"attributes\": {\"text\": \"hello\"}}");
        Cli.Result refused = call("--raw", raw, "/head/storage/addNode", "{\"graph_id\": \"" + graphId + "\", "
                + "\"type\": \"note\", \"key\": \"n2\", \"attributes\": {}}");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).singleElement().asString().startsWith("VALIDATION_ERROR: ")
                .contains("'/attributes'");
        Cli.Result taken = call("--raw", raw, "/head/storage/addNode", "{\"graph_id\": \"" + graphId + "\", "
                + "\"type\": \"note\", \"key\": \"n1\", \"attributes\": {\"text\": \"again\"}}");
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.errLines()).singleElement().asString().contains("'n1' already exists")
                .doesNotContainIgnoringCase("constraint");
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).as(Files.readString(dir.resolve("serve.log"))).isZero();

        raw = rawAddress(serve(flags.toArray(String[]::new)));
        Cli.Result page = call("--raw", raw, "/head/storage/queryNodes", "{\"graph_id\": \"" + graphId + "\"}");
        assertThat(page.exitCode()).as(page.err()).isZero();
        assertThat(JsonText.parse("page", page.out()).get("nodes").get(0).get("attributes").get("text").stringValue())
                .isEqualTo("hello");
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sshDynamicForwardReachesWhatTheConfigAllows() throws Exception {
        String sshPath = Tools.require("ssh");
        Path config = allowOnlyTheHttpServer("");
        LineSink out = serve("--config", config.toString());

        int socksPort = sshDynamicForward(out, sshPath);

        assertThat(TestHttp.getThroughSocks(new InetSocketAddress("127.0.0.1", socksPort), "127.0.0.1", http.port()))
                .startsWith("HTTP/1.1 200").endsWith(TestHttp.BODY);
        stopAndExpectExitZero();
    }

    @Test
    void loginsFromStorageUseTheKeysAlknetIdentityStored() throws Exception {
        String sshPath = Tools.require("ssh");
        Files.delete(dir.resolve(DataDir.AUTHORIZED_KEYS));
        Path config = allowOnlyTheHttpServer("principals = [\"team\"]\n");
        Cli.Result account = run("identity", "add-account", "--email", "ops@example.org", "--scope", "team");
        Cli.Result key = run("identity", "add-key", "--account", "ops@example.org", "--file",
                dir.resolve(DataDir.IDENTITY + ".pub").toString());
        assertThat(account.exitCode()).as(account.err()).isZero();
        assertThat(key.exitCode()).as(key.err()).isZero();
        String fingerprint = key.out().split(" ")[2];

        LineSink out = serve("--config", config.toString(), "--identities", "storage");
        int socksPort = sshDynamicForward(out, sshPath);

        assertThat(TestHttp.getThroughSocks(new InetSocketAddress("127.0.0.1", socksPort), "127.0.0.1", http.port()))
                .startsWith("HTTP/1.1 200").endsWith(TestHttp.BODY);
        assertThat(Files.readString(dir.resolve("serve.log"))).contains("alknet.auth - auth attempt "
                + "remote_addr=127.0.0.1 user=alknet key_fingerprint=" + fingerprint + " result=accept");
        stopAndExpectExitZero();
    }
}
