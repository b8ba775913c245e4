package dev.alknet.transport;

import static dev.alknet.transport.TlsLoopback.GUARD_SECONDS;
import static dev.alknet.transport.TlsLoopback.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stealth listener over real TLS on loopback: SSH clients pass, everything else meets nginx's 404. */
class StealthLoopbackTest {

    private static final String NOT_FOUND = "HTTP/1.1 404 Not Found\r\nServer: nginx\r\n\r\n";
    private static final byte[] BANNER = ascii("SSH-2.0-OpenSSH_9.2p1\r\n");
    /** Short so the silence cases finish quickly; the outcome does not depend on it. */
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private TlsLoopback server;
    private ClientTls client;

    @BeforeEach
    void start() throws Exception {
        server = TlsLoopback.stealth(Fixtures.server(), TIMEOUT);
        client = ClientTls.create(TlsClientSettings.builder().trustCaFile(Fixtures.tls("ca.cert.pem")).build());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    private String answerTo(byte[] payload) throws Exception {
        byte[] answer = server.exchange(client, "localhost", payload, Integer.MAX_VALUE)
                .get(GUARD_SECONDS, TimeUnit.SECONDS);
        return new String(answer, StandardCharsets.ISO_8859_1);
    }

    @Test
    void sshBannerAndWhatFollowsReachSshByteExact() throws Exception {
        byte[] payload = ascii("SSH-2.0-OpenSSH_9.2p1\r\n\0\0\u0005\u00dcbinary key exchange");
        byte[] echoed = server.exchange(client, "localhost", payload, payload.length)
                .get(GUARD_SECONDS, TimeUnit.SECONDS);
        assertThat(echoed).isEqualTo(payload);
        assertThat(server.sessions.poll(GUARD_SECONDS, TimeUnit.SECONDS).tlsServerName()).isEqualTo("localhost");
    }

    @Test
    void sshBannerInOneByteRecords() throws Exception {
        List<byte[]> writes = new ArrayList<>();
        for (byte b : BANNER) {
            writes.add(new byte[] {b});
        }
        assertThat(server.exchange(client, "localhost", writes, BANNER.length).get(GUARD_SECONDS, TimeUnit.SECONDS))
                .isEqualTo(BANNER);
    }

    @Test
    void notSshGetsTheNotFoundAndIsClosed() throws Exception {
        for (String probe : new String[] {"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", "SSH-1.99-OpenSSH_3.9\r\n",
                "\u0005\u0001\u0000\u00ff\u0013\u0037random"}) {
            assertThat(answerTo(probe.getBytes(StandardCharsets.ISO_8859_1))).as(probe).isEqualTo(NOT_FOUND);
        }
        assertThat(server.sessions).as("no connection reached SSH").isEmpty();
    }

    @Test
    void fewBytesThenSilenceTimesOutToTheNotFound() throws Exception {
        assertThat(answerTo(ascii("SSH"))).isEqualTo(NOT_FOUND);
    }

    @Test
    void fewOrNoBytesThenEndOfInputGetTheNotFound() throws Exception {
        for (String sent : new String[] {"SSH", ""}) {
            try (SSLSocket socket = insecureSocket()) {
                OutputStream out = socket.getOutputStream();
                out.write(ascii(sent));
                out.flush();
                socket.shutdownOutput(); // TLS 1.3 close_notify: the server sees end of input, can still answer
                InputStream in = socket.getInputStream();
                assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).as("after '%s'", sent)
                        .isEqualTo(NOT_FOUND);
            }
        }
    }

    @Test
    void curlSeesNginx() throws Exception {
        assumeTrue(runs("curl"), "curl not found: install the Debian package curl to check the stealth 404 "
                + "against a real HTTP client (the other tests cover the same bytes)");
        Process curl = new ProcessBuilder("curl", "-k", "-s", "-i", "--max-time", String.valueOf(GUARD_SECONDS),
                "https://127.0.0.1:" + server.port() + "/").redirectErrorStream(true).start();
        curl.getOutputStream().close();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(curl.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(output).startsWith("HTTP/1.1 404 Not Found\r\n").contains("Server: nginx\r\n");
    }

    private SSLSocket insecureSocket() throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port());
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
        socket.startHandshake();
        return socket;
    }

    /** Whether {@code command} starts at all; a missing tool fails to start with an IOException. */
    private static boolean runs(String command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        }
    }
}
