package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens on a raw call-protocol listener of {@code alknet serve --identities storage}: {@code alknet call} signs
 * with its key, which counts only when {@code alknet identity} stored it, and then with its account's scopes.
 */
class StorageTokensTest {

    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;

    private final Cli serveCli = new Cli();
    private final LineSink serveOut = new LineSink();
    private CompletableFuture<Integer> serve;
    private List<String> rawOps;

    @BeforeEach
    void serve() throws Exception {
        assertThat(new Cli().run("keygen", "--data-dir", dir.toString()).exitCode()).isZero();
        // In the data directory's authorized_keys too: with --identities storage that file does not count.
        Files.copy(dir.resolve(DataDir.IDENTITY + ".pub"), dir.resolve(DataDir.AUTHORIZED_KEYS));
        identity("add-account", "--email", "reader@example.org", "--scope", "storage:read");
        Path config = Files.writeString(dir.resolve("alknet.toml"), """
                [[listeners]]
                listen = "127.0.0.1:0"
                interface = "raw"
                [auth.token]
                enabled = true
                """, StandardCharsets.UTF_8);
        serve = serveCli.start(serveOut, new LineSink(), "serve", "--identities", "storage", "--data-dir",
                dir.toString(), "--config", config.toString());
        rawOps = Shell.words(serveOut.await(l -> l.strip().startsWith("alknet ops --raw ")));
    }

    @AfterEach
    void stop() throws Exception {
        serveCli.stop();
        assertThat(serve.get(60, TimeUnit.SECONDS)).as(serveOut.text()).isZero();
    }

    @Test
    void aTokenCountsOnceItsKeyIsStoredAndGetsTheAccountsScopes() throws Exception {
        assertThat(listGraphs().err()).as("a key only in authorized_keys").startsWith("ACCESS_DENIED");

        identity("add-key", "--account", "reader@example.org", "--file",
                dir.resolve(DataDir.IDENTITY + ".pub").toString());
        Cli.Result allowed = await(r -> r.exitCode() == 0);
        assertThat(allowed.out()).startsWith("{");

        identity("revoke", "--fingerprint", fingerprint());
        assertThat(await(r -> r.exitCode() != 0).err()).startsWith("ACCESS_DENIED");
    }

    /** Calls until {@code wanted} (serve sees another StorageService's change once its change watcher runs). */
    private Cli.Result await(Predicate<Cli.Result> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        Cli.Result result = listGraphs();
        while (!wanted.test(result)) {
            assertThat(System.nanoTime()).as("last answer: " + result).isLessThan(deadline);
            Thread.sleep(100);
            result = listGraphs();
        }
        return result;
    }

    /** {@code /head/storage/listGraphs} needs the scope storage:read. */
    private Cli.Result listGraphs() {
        List<String> args = new ArrayList<>(rawOps.subList(1, rawOps.size()));
        args.set(0, "call");
        args.addAll(List.of("/head/storage/listGraphs", "{}", "--data-dir", dir.toString()));
        return new Cli().run(args.toArray(String[]::new));
    }

    private String fingerprint() {
        String shown = identity("show", "--account", "reader@example.org");
        return shown.lines().filter(l -> l.startsWith("  ssh_key ")).findFirst().orElseThrow().split(" ")[3];
    }

    private String identity(String... args) {
        return Cli.identity(dir, args);
    }
}
