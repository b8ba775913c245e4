package dev.alknet.transport.server;

import static dev.alknet.transport.server.ServerHarness.GUARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.NoLeaks;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A brute-force storm of unknown keys must not disturb a logged-in user: 10,000 failed public key attempts (200
 * MINA client sessions of 50 attempts each, 8 at a time, each cut by {@code max_auth_attempts}) while an OpenSSH
 * {@code -L} channel keeps moving data. Afterwards that channel and a fresh login still work and every attempt was
 * logged as a reject (fail2ban depends on it).
 */
@ExtendWith(NoLeaks.class)
class AuthStormTest {

    private static final int ATTEMPTS_PER_SESSION = 50;
    private static final int SESSIONS = 200;
    private static final int POOL = 8;

    @TempDir
    Path dir;

    @Test
    void failedAuthStormLeavesGoodSessionsAndLoginsWorking() throws Exception {
        assumeTrue(ServerHarness.onPath("ssh") && ServerHarness.onPath("ssh-keygen"),
                "OpenSSH client (ssh, ssh-keygen) not installed; .ci/run installs openssh-client");
        // One distinct unknown key per attempt in a session: a MINA client offers each key once, and the server
        // cuts the session at the last of them.
        List<KeyPair> strangers = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS_PER_SESSION; i++) {
            strangers.add(newKey());
        }
        String toml = "[forwarding]\ndefault = \"allow\"\n\n[server]\nmax_auth_attempts = " + ATTEMPTS_PER_SESSION
                + "\n";
        try (EchoServer echo = new EchoServer(); ServerHarness h = new ServerHarness(dir, toml)) {
            int local = ServerHarness.freePort();
            Process good = h.ssh("-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
            h.awaitListening(good, local);

            try (Socket channel = new Socket(InetAddress.getLoopbackAddress(), local)) {
                channel.setSoTimeout((int) GUARD.toMillis());
                AtomicBoolean storming = new AtomicBoolean(true);
                AtomicLong rounds = new AtomicLong();
                CompletableFuture<Void> mover = CompletableFuture.runAsync(() -> {
                    long seed = 0;
                    while (storming.get()) {
                        echoRound(channel, seed++);
                        rounds.incrementAndGet();
                    }
                });

                int failedSessions = storm(h.port(), strangers);

                storming.set(false);
                mover.get(GUARD.toSeconds(), TimeUnit.SECONDS);
                assertThat(failedSessions).as("sessions refused").isEqualTo(SESSIONS);
                assertThat(rounds.get()).as("data moved during the storm").isPositive();
                // The same channel, still open, still carries bytes exactly.
                echoRound(channel, -1);
            }
            assertThat(good.isAlive()).as("good ssh still connected").isTrue();

            int local2 = ServerHarness.freePort();
            Process fresh = h.ssh("-L", "127.0.0.1:" + local2 + ":127.0.0.1:" + echo.port());
            h.awaitListening(fresh, local2);
            OpenSshForwardingTest.assertEchoes(local2, 64 * 1024, 3, true);

            long rejects = h.authLines.stream().filter(l -> l.contains("result=reject")).count();
            assertThat(rejects).as("rejects logged").isGreaterThanOrEqualTo((long) SESSIONS * ATTEMPTS_PER_SESSION);
            assertThat(h.authLines.stream().filter(l -> l.endsWith("result=accept")).count()).isEqualTo(2);
        }
    }

    /** Runs {@link #SESSIONS} sessions of unknown keys, {@link #POOL} at a time; returns how many auth failed. */
    private static int storm(int port, List<KeyPair> strangers) throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setKeyIdentityProvider(session -> strangers);
        client.start();
        ExecutorService pool = Executors.newFixedThreadPool(POOL);
        AtomicInteger failed = new AtomicInteger();
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    try (ClientSession session = client.connect("tester", "127.0.0.1", port)
                            .verify(GUARD).getSession()) {
                        // Fails once the server disconnects after the last attempt; never succeeds.
                        if (!session.auth().await(GUARD)) {
                            throw new AssertionError("auth hung");
                        }
                        if (!session.isAuthenticated()) {
                            failed.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(2 * GUARD.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            client.stop();
        }
        return failed.get();
    }

    /** Writes a 16 KiB chunk and reads it back through the forward, comparing the bytes. */
    private static void echoRound(Socket s, long seed) {
        byte[] sent = new byte[16 * 1024];
        new Random(seed).nextBytes(sent);
        try {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(sent);
            out.flush();
            byte[] got = in.readNBytes(sent.length);
            if (!Arrays.equals(sent, got)) {
                throw new AssertionError("echo mismatch in round " + seed);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("good channel failed in round " + seed, e);
        }
    }

    private static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
