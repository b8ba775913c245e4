package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.config.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alknet serve} and {@code alknet connect} in this JVM, connected with exactly the line serve prints:
 * SOCKS5 traffic reaches a local HTTP server the policy allows and nothing else.
 */
class ServeConnectTest {

    @TempDir
    Path dir;

    private TestHttp http;
    private final Cli serveCli = new Cli();
    private final Cli connectCli = new Cli();
    private final LineSink serveOut = new LineSink();
    private final LineSink connectOut = new LineSink();
    private CompletableFuture<Integer> serve;
    private CompletableFuture<Integer> connect;

    @BeforeEach
    void keysAndPolicy() throws IOException {
        http = new TestHttp();
        assertThat(new Cli().run("keygen", "--data-dir", dir.toString()).exitCode()).isZero();
        Files.copy(dir.resolve(DataDir.IDENTITY + ".pub"), dir.resolve(DataDir.AUTHORIZED_KEYS));
        Files.writeString(dir.resolve("alknet.toml"), """
                [server]
                listen = "127.0.0.1:2222"
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "127.0.0.1:%d"
                action = "allow"
                """.formatted(http.port()), StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopAll() throws Exception {
        connectCli.stop();
        serveCli.stop();
        if (connect != null) {
            assertThat(connect.get(60, TimeUnit.SECONDS)).as(connectOut.text()).isZero();
        }
        if (serve != null) {
            assertThat(serve.get(60, TimeUnit.SECONDS)).as(serveOut.text()).isZero();
        }
        http.close();
    }

    @Test
    void socksThroughOurClientReachesWhatThePolicyAllows() throws Exception {
        serve = serveCli.start(serveOut, new LineSink(), "serve", "--data-dir", dir.toString(),
                "--config", dir.resolve("alknet.toml").toString(), "--listen", "127.0.0.1:0");
        List<String> printed = Shell.words(serveOut.await(l -> l.strip().startsWith("alknet connect ")));
        assertThat(printed.get(3)).as("--listen beats the file").doesNotEndWith(":2222");

        List<String> args = new ArrayList<>(printed.subList(1, printed.size()));
        args.addAll(List.of("--data-dir", dir.toString(), "--socks5", "127.0.0.1:0"));
        connect = connectCli.start(connectOut, new LineSink(), args.toArray(String[]::new));
        String socksLine = connectOut.await(l -> l.startsWith("alknet connect: SOCKS5 on "));
        HostPort socks = HostPort.parse(socksLine.substring(socksLine.lastIndexOf(' ') + 1));
        InetSocketAddress proxy = new InetSocketAddress(socks.host(), socks.port());

        assertThat(TestHttp.getThroughSocks(proxy, "127.0.0.1", http.port()))
                .startsWith("HTTP/1.1 200").endsWith(TestHttp.BODY);
        assertThatThrownBy(() -> TestHttp.getThroughSocks(proxy, "localhost", http.port()))
                .as("a name the policy does not allow").isInstanceOf(IOException.class);
    }

    @Test
    void curlThroughOurClient() throws Exception {
        String curl = Tools.require("curl");
        serve = serveCli.start(serveOut, new LineSink(), "serve", "--data-dir", dir.toString(),
                "--config", dir.resolve("alknet.toml").toString(), "--listen", "127.0.0.1:0");
        List<String> printed = Shell.words(serveOut.await(l -> l.strip().startsWith("alknet connect ")));
        List<String> args = new ArrayList<>(printed.subList(1, printed.size()));
        args.addAll(List.of("--data-dir", dir.toString(), "--socks5", "127.0.0.1:0"));
        connect = connectCli.start(connectOut, new LineSink(), args.toArray(String[]::new));
        String socksLine = connectOut.await(l -> l.startsWith("alknet connect: SOCKS5 on "));
        String socks = socksLine.substring(socksLine.lastIndexOf(' ') + 1);

        Process p = new ProcessBuilder(curl, "-sS", "--max-time", "60", "--socks5-hostname", socks,
                "http://127.0.0.1:" + http.port() + "/").redirectErrorStream(true).start();
        String body = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(body).isZero();
        assertThat(body).isEqualTo(TestHttp.BODY);
    }
}
