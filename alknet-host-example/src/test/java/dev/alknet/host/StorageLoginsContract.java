package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.alknet.auth.AuthLog;
import dev.alknet.storage.CredentialType;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code alknet serve --identities storage} with the real OpenSSH client: accounts, keys and CAs put into storage
 * with {@code alknet identity} (also while serve runs), user certificates made by {@code ssh-keygen -s}. An
 * account's scope opens the one forwarding rule, so a working tunnel proves the login got the account's grant.
 * Run on SQLite ({@link SqliteStorageLoginsTest}) and PostgreSQL ({@link PostgresStorageLoginsTest}).
 */
abstract class StorageLoginsContract {

    private static final String EMAIL = "alice@example.org";
    /** How long a change made by another StorageService may take to reach serve's identity cache. */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;

    private final Cli serveCli = new Cli();
    private final LineSink serveOut = new LineSink();
    private final ListAppender<ILoggingEvent> authLog = new ListAppender<>();
    private final List<Process> processes = new ArrayList<>();
    private CompletableFuture<Integer> serve;
    private TestHttp http;
    private String ssh;
    private String sshKeygen;
    private int port;
    private StorageConfig storage;

    /** A fresh, empty database for one test; {@code dataDir} is the test's data directory. */
    abstract StorageConfig database(Path dataDir);

    /** The flags that point serve and alknet identity at {@link #storage}. */
    private List<String> storageFlags() {
        List<String> flags = new ArrayList<>(List.of("--storage", storage.jdbcUrl()));
        if (storage.user() != null) {
            flags.addAll(List.of("--storage-user", storage.user()));
        }
        return flags;
    }

    @BeforeEach
    void accountAndServer() throws Exception {
        ssh = Tools.require("ssh");
        storage = database(dir);
        sshKeygen = Tools.require("ssh-keygen");
        http = new TestHttp();
        authLog.start();
        ((Logger) LoggerFactory.getLogger(AuthLog.LOGGER_NAME)).addAppender(authLog);
        for (String key : new String[] {"user", "ca", "certified"}) {
            run(sshKeygen, "-q", "-t", "ed25519", "-N", "", "-C", key, "-f", dir.resolve(key).toString());
        }
        identity("add-account", "--email", EMAIL, "--scope", "team");
        Files.writeString(dir.resolve("alknet.toml"), """
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "127.0.0.1:%d"
                action = "allow"
                principals = ["team"]
                """.formatted(http.port()), StandardCharsets.UTF_8);
        List<String> serveArgs = new ArrayList<>(List.of("serve", "--identities", "storage", "--data-dir",
                dir.toString(), "--config", dir.resolve("alknet.toml").toString(), "--listen", "127.0.0.1:0"));
        serveArgs.addAll(storageFlags());
        serve = serveCli.start(serveOut, new LineSink(), serveArgs.toArray(String[]::new));
        List<String> sshLine = Shell.words(serveOut.await(l -> l.strip().startsWith("ssh ")));
        port = Integer.parseInt(sshLine.get(sshLine.indexOf("-p") + 1));
        serveOut.await(l -> l.contains("logins are checked against the accounts and keys in storage"));
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        serveCli.stop();
        if (serve != null) {
            assertThat(serve.get(60, TimeUnit.SECONDS)).as(serveOut.text()).isZero();
        }
        ((Logger) LoggerFactory.getLogger(AuthLog.LOGGER_NAME)).detachAppender(authLog);
        http.close();
    }

    @Test
    void aStoredKeyLogsInWithItsAccountsGrantUntilItIsRevoked() throws Exception {
        String added = identity("add-key", "--account", EMAIL, "--file", dir.resolve("user.pub").toString(),
                "--name", "laptop");
        String fingerprint = fingerprint("user.pub");
        assertThat(added).startsWith("added ssh_key " + fingerprint + " to account ");

        assertTunnelWorks("alice", "user", offer(false));
        assertThat(authLines()).anySatisfy(l -> assertThat(l).isEqualTo("auth attempt remote_addr=127.0.0.1 "
                + "user=alice key_fingerprint=" + fingerprint + " result=accept"));

        assertThat(identity("revoke", "--fingerprint", fingerprint)).isEqualTo("revoked " + fingerprint + "\n");
        awaitRefused("alice", "user", false, fingerprint, "key_rejected");
    }

    @Test
    void aCertificateFromAStoredCaLogsInAsTheCasOwner() throws Exception {
        identity("add-key", "--account", EMAIL, "--file", dir.resolve("ca.pub").toString(), "--ca");
        sign("alice", "-5m:+1h");

        assertTunnelWorks("alice", "certified", offer(true));

        assertThat(authLines()).anySatisfy(l -> assertThat(l).isEqualTo("auth attempt remote_addr=127.0.0.1 "
                + "user=alice key_fingerprint=" + fingerprint("certified.pub") + " result=accept"));
        assertThat(identity("show", "--account", EMAIL)).contains("  cert_authority " + fingerprint("ca.pub")
                + " active\n");
    }

    @Test
    void certificatesAreRefusedForAnotherPrincipalAndOnceTheirCaIsRevoked() throws Exception {
        identity("add-key", "--account", EMAIL, "--file", dir.resolve("ca.pub").toString(), "--ca");
        String certified = fingerprint("certified.pub");
        sign("bob", "-5m:+1h");
        awaitRefused("alice", "certified", true, certified, "principal_mismatch");

        sign("alice", "-5m:+1h");
        assertTunnelWorks("alice", "certified", offer(true));
        identity("revoke", "--fingerprint", fingerprint("ca.pub"));
        awaitRefused("alice", "certified", true, certified, "key_rejected");
    }

    @Test
    void aCertificateFromAnExpiredCaIsRefused() throws Exception {
        // The CLI takes only future expiries; an expired CA is written with the storage API.
        String caLine = Files.readString(dir.resolve("ca.pub")).strip();
        try (StorageService opened = StorageService.open(storage)) {
            String owner = opened.identities().accountByEmail(EMAIL).orElseThrow().id();
            opened.identities().addPeerCredential(owner, CredentialType.CERT_AUTHORITY, caLine, "old CA",
                    Instant.now().minusSeconds(1));
        }
        sign("alice", "-5m:+1h");

        awaitRefused("alice", "certified", true, fingerprint("certified.pub"), "key_rejected");
        assertThat(authLines()).noneSatisfy(l -> assertThat(l).endsWith("result=accept"));
    }

    /** Logs in and opens a tunnel to the HTTP server, which only the account's scope {@code team} may reach. */
    private void assertTunnelWorks(String user, String key, String... options) throws Exception {
        int socks = Tools.freePort();
        Process p = ssh(user, key, List.of("-N", "-o", "ExitOnForwardFailure=yes", "-D", "127.0.0.1:" + socks),
                options);
        LineSink out = LineSink.of(p.getInputStream());
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!accepts(socks)) {
            assertThat(p.isAlive()).as("ssh exited: " + out.text() + "\nauth log: " + authLines()).isTrue();
            assertThat(System.nanoTime()).as("ssh -D never listened").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(TestHttp.getThroughSocks(new InetSocketAddress("127.0.0.1", socks), "127.0.0.1", http.port()))
                .startsWith("HTTP/1.1 200");
        assertThatThrownBy(() -> TestHttp.getThroughSocks(new InetSocketAddress("127.0.0.1", socks), "127.0.0.1",
                port)).as("no rule allows the server's own port").isInstanceOf(IOException.class);
        // SIGTERM can leave ssh -D waiting on its closed SOCKS connection for long.
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Tries until a login is refused (serve sees another StorageService's change once its change watcher runs; an
     * attempt still accepted before that is closed and retried); then the fail2ban line names the user, the key
     * and the reason.
     */
    private void awaitRefused(String user, String key, boolean certificate, String fingerprint, String reason)
            throws Exception {
        String line = "auth attempt remote_addr=127.0.0.1 user=" + user + " key_fingerprint=" + fingerprint
                + " result=reject reason=" + reason;
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (true) {
            int seen = authLines().size();
            Process p = ssh(user, key, List.of("-N"), offer(certificate));
            while (p.isAlive() && linesSince(seen).stream().noneMatch(l -> l.endsWith("result=accept"))) {
                assertThat(System.nanoTime()).as("ssh neither logged in nor gave up").isLessThan(deadline);
                Thread.sleep(20);
            }
            if (!p.isAlive() && linesSince(seen).contains(line)) {
                assertThat(p.exitValue()).isNotZero();
                return;
            }
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            assertThat(System.nanoTime()).as("never refused with " + line + "; auth log: " + authLines())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Options that make ssh offer only the plain key, or only its certificate ({@code <key>-cert.pub}, which ssh
     * picks up beside {@code -i <key>}).
     */
    private static String[] offer(boolean certificate) {
        return new String[] {"-o", "PubkeyAcceptedKeyTypes="
                + (certificate ? "ssh-ed25519-cert-v01@openssh.com" : "ssh-ed25519")};
    }

    private Process ssh(String user, String key, List<String> mode, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(ssh, "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-o", "LogLevel=ERROR", "-i", dir.resolve(key).toString(), "-p", Integer.toString(port)));
        command.addAll(mode);
        command.addAll(List.of(options));
        command.add(user + "@127.0.0.1");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    private void sign(String principal, String validity) throws Exception {
        Files.deleteIfExists(dir.resolve("certified-cert.pub"));
        run(sshKeygen, "-q", "-s", dir.resolve("ca").toString(), "-I", "test", "-n", principal, "-V", validity,
                dir.resolve("certified.pub").toString());
    }

    private String fingerprint(String publicKeyFile) throws Exception {
        return run(sshKeygen, "-l", "-E", "sha256", "-f", dir.resolve(publicKeyFile).toString()).split(" ")[1];
    }

    private String identity(String... args) {
        List<String> withStorage = new ArrayList<>(List.of(args));
        withStorage.addAll(storageFlags());
        return Cli.identity(dir, withStorage.toArray(String[]::new));
    }

    private List<String> authLines() {
        // The appender adds to its list inside its own synchronized doAppend: the list itself is not the lock.
        synchronized (authLog) {
            return authLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private List<String> linesSince(int seen) {
        List<String> all = authLines();
        return all.subList(seen, all.size());
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
