package dev.alknet.storage;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The child process of {@link CrashContract}: adds nodes {@code k0, k1, ...} to one graph forever, printing
 * {@code ACK i} after each write returns, while a subscription on the graph's stream prints {@code HANDLED p}
 * before its offset is committed. The parent kills it with SIGKILL.
 *
 * <p>Arguments: JDBC URL, user ({@code -} for none), graph id, log file, organisation whose tenant store has the
 * graph ({@code -} for the system database).
 */
public final class WriteLoopMain {

    private WriteLoopMain() {
    }

    static Metagraph metagraph(StorageService storage, String orgId) {
        return orgId.equals("-") ? storage.metagraph() : storage.tenant(orgId).metagraph();
    }

    static Streams streams(StorageService storage, String orgId) {
        return orgId.equals("-") ? storage.streams() : storage.tenant(orgId).streams();
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new FileOutputStream(args[3]), true, StandardCharsets.UTF_8);
        String user = args[1].equals("-") ? null : args[1];
        StorageConfig config = new StorageConfig(args[0], user, null, 2);
        JsonMapper json = JsonMapper.builder().build();
        StorageService storage = StorageService.open(config);
        streams(storage, args[4]).subscribe(Streams.graph(args[2]), CrashContract.CONSUMER,
                e -> out.println("HANDLED " + e.position()), Duration.ofMillis(50));
        Metagraph mg = metagraph(storage, args[4]);
        for (int i = 0; ; i++) {
            mg.addNode(args[2], new NewNode("n", "k" + i,
                    json.readTree("{\"i\": " + i + ", \"pad\": \"" + "x".repeat(200) + "\"}")));
            out.println("ACK " + i);
        }
    }
}
