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
import java.util.concurrent.Callable;
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
    private final Cli proxiedCli = new Cli();
    private final LineSink serveOut = new LineSink();
    private final LineSink connectOut = new LineSink();
    private CompletableFuture<Integer> serve;
    private CompletableFuture<Integer> connect;
    private CompletableFuture<Integer> proxied;

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
        proxiedCli.stop();
        if (proxied != null) {
            assertThat(proxied.get(60, TimeUnit.SECONDS)).isZero();
        }
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

    /** Starts serve on a free port; returns the {@code alknet connect} line it printed, as arguments. */
    private List<String> serveAndItsConnectLine() throws Exception {
        serve = serveCli.start(serveOut, new LineSink(), "serve", "--data-dir", dir.toString(),
                "--config", dir.resolve("alknet.toml").toString(), "--listen", "127.0.0.1:0");
        List<String> printed = Shell.words(serveOut.await(l -> l.strip().startsWith("alknet connect ")));
        List<String> args = new ArrayList<>(printed.subList(1, printed.size()));
        args.addAll(List.of("--data-dir", dir.toString(), "--socks5", "127.0.0.1:0"));
        return args;
    }

    private static HostPort awaitSocks(LineSink out) throws Exception {
        String socksLine = out.await(l -> l.startsWith("alknet connect: SOCKS5 on "));
        return HostPort.parse(socksLine.substring(socksLine.lastIndexOf(' ') + 1));
    }

    @Test
    void socksThroughOurClientReachesWhatThePolicyAllows() throws Exception {
        List<String> args = serveAndItsConnectLine();
        assertThat(args.get(2)).as("--listen beats the file").doesNotEndWith(":2222");
        connect = connectCli.start(connectOut, new LineSink(), args.toArray(String[]::new));
        HostPort socks = awaitSocks(connectOut);
        InetSocketAddress proxy = new InetSocketAddress(socks.host(), socks.port());

        assertThat(TestHttp.getThroughSocks(proxy, "127.0.0.1", http.port()))
                .startsWith("HTTP/1.1 200").endsWith(TestHttp.BODY);
        assertThatThrownBy(() -> TestHttp.getThroughSocks(proxy, "localhost", http.port()))
                .as("a name the policy does not allow").isInstanceOf(IOException.class);
    }

    @Test
    void curlThroughOurClient() throws Exception {
        String curl = Tools.require("curl");
        connect = connectCli.start(connectOut, new LineSink(), serveAndItsConnectLine().toArray(String[]::new));
        String socks = awaitSocks(connectOut).toString();

        Process p = new ProcessBuilder(curl, "-sS", "--max-time", "60", "--socks5-hostname", socks,
                "http://127.0.0.1:" + http.port() + "/").redirectErrorStream(true).start();
        String body = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(body).isZero();
        assertThat(body).isEqualTo(TestHttp.BODY);
    }

    @Test
    void connectThroughAProxyHereTheFirstClientsSocks5() throws Exception {
        Files.writeString(dir.resolve("alknet.toml"), """
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "127.0.0.1:*"
                action = "allow"
                """, StandardCharsets.UTF_8);
        List<String> first = serveAndItsConnectLine();
        connect = connectCli.start(connectOut, new LineSink(), first.toArray(String[]::new));
        HostPort firstSocks = awaitSocks(connectOut);

        // The second client reaches the server through the first one's tunnel.
        List<String> second = new ArrayList<>(first);
        second.addAll(List.of("--proxy", "socks5://" + firstSocks));
        LineSink proxiedOut = new LineSink();
        proxied = proxiedCli.start(proxiedOut, new LineSink(), second.toArray(String[]::new));
        HostPort socks = awaitSocks(proxiedOut);

        InetSocketAddress proxiedSocks = new InetSocketAddress(socks.host(), socks.port());
        assertThat(TestHttp.getThroughSocks(proxiedSocks, "127.0.0.1", http.port()))
                .startsWith("HTTP/1.1 200").endsWith(TestHttp.BODY);

        // Proof that the second client really went through the first: without the first, it has no server.
        connectCli.stop();
        assertThat(connect.get(60, TimeUnit.SECONDS)).as(connectOut.text()).isZero();
        assertThat(eventuallyFails(() -> TestHttp.getThroughSocks(proxiedSocks, "127.0.0.1", http.port())))
                .as("the proxied client lost its server with the proxy").isTrue();
    }

    /** Tries {@code get} until it throws (true) or 30 s passed (false): a dropped session is noticed quickly. */
    private static boolean eventuallyFails(Callable<String> get) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            try {
                get.call();
            } catch (Exception expected) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
