package dev.alknet.transport.server;

import static dev.alknet.transport.server.ServerHarness.GUARD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.auth.AuthFailure;
import dev.alknet.auth.ConfigIdentityProvider;
import dev.alknet.auth.LoginResult;
import dev.alknet.core.config.ConfigLoader;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.transport.testing.EchoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AlknetServer.Builder.logins}: the given {@code LoginAuthority} decides every public key login instead of
 * the config's keys, and its refusals reach the fail2ban log like the config's.
 */
class LoginAuthorityTest {

    private static final String ALLOW_ALL = "[forwarding]\ndefault = \"allow\"\n";
    private static final List<ListenerConfig> LOOPBACK = List.of(ListenerConfig.tcp(new HostPort("127.0.0.1", 0)));

    @TempDir
    Path dir;

    @BeforeEach
    void needsOpenSsh() {
        ServerHarness.assumeOpenSshClient();
    }

    @Test
    void theBuildersAuthorityRefusesAKeyTheConfigAdmits() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (ServerHarness h = new ServerHarness(dir, ALLOW_ALL, LOOPBACK, null, builder -> builder.logins(
                (user, key, ip) -> {
                    asked.incrementAndGet();
                    return new LoginResult.Rejected(AuthFailure.KEY_EXPIRED, "refused by the test's authority");
                }))) {
            Process ssh = h.ssh();

            assertThat(ssh.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)).as("ssh gives up").isTrue();
            assertThat(ssh.exitValue()).isNotZero();
            assertThat(asked).hasPositiveValue();
            assertThat(h.authLines).anySatisfy(line -> assertThat(line)
                    .startsWith("auth attempt remote_addr=127.0.0.1 user=tester key_fingerprint=SHA256:")
                    .endsWith("result=reject reason=key_expired"));
        }
    }

    @Test
    void theBuildersAuthorityAdmitsAKeyTheConfigDoesNotList() throws Exception {
        ServerHarness.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "tester", "-f",
                dir.resolve("id_ed25519").toString());
        Files.writeString(dir.resolve("authorized_keys"), "");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(dir.resolve("id_ed25519.pub"), elsewhere.resolve("authorized_keys"));
        Path toml = Files.writeString(elsewhere.resolve("alknet.toml"),
                "[auth]\nauthorized_keys = \"authorized_keys\"\n");
        ConfigIdentityProvider otherKeys = new ConfigIdentityProvider(
                new ConfigReloadHandle(ConfigLoader.load(toml).dynamicConfig()));

        try (EchoServer echo = new EchoServer();
                ServerHarness h = new ServerHarness(dir, ALLOW_ALL, LOOPBACK, null, b -> b.logins(otherKeys))) {
            int local = ServerHarness.freePort();
            Process ssh = h.ssh("-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
            h.awaitListening(ssh, local);
            OpenSshForwardingTest.assertEchoes(local, 1024, 1, true);
            assertThat(h.authLines).anySatisfy(line -> assertThat(line).endsWith("result=accept"));
        }
    }
}
