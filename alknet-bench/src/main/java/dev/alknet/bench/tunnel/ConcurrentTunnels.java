package dev.alknet.bench.tunnel;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.HostPort;
import dev.alknet.transport.AlknetClient;
import dev.alknet.transport.LocalForward;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many tunnels at once against the real server process ({@code java -jar alknet.jar serve}): {@code sessions}
 * clients, each with {@code channels} concurrent tunnels through a local forward to an echo server, every tunnel
 * sending {@code MiB} and reading it back. Target (issue 3): no errors, and the server's peak resident memory
 * (VmHWM) stays under 512 MiB.
 *
 * <p>{@code java -cp alknet-bench/target/benchmarks.jar dev.alknet.bench.tunnel.ConcurrentTunnels
 * [sessions=200] [channels=1] [MiB=4] [alknet.jar] [server JVM options...]}
 */
public final class ConcurrentTunnels {

    private static final long RSS_LIMIT_KIB = 512 * 1024;
    private static final int CHUNK = 32 * 1024;

    private ConcurrentTunnels() {}

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        long bytes = (args.length > 2 ? Long.parseLong(args[2]) : 4) * 1024 * 1024;
        Path jar = Path.of(args.length > 3 ? args[3] : "alknet-host-example/target/alknet.jar");
        List<String> jvmOptions = args.length > 4 ? List.of(args).subList(4, args.length) : List.of();
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " not found; build it with ./mvnw -q -pl alknet-host-example -am package "
                    + "-DskipTests");
        }
        Path data = Files.createTempDirectory("alknet-concurrent");
        run(jar, List.of("keygen", "--data-dir", data.toString()));
        Files.copy(data.resolve("id_ed25519.pub"), data.resolve("authorized_keys"));
        Files.writeString(data.resolve("alknet.toml"), """
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "127.0.0.1:*"
                action = "allow"
                """, StandardCharsets.UTF_8);
        OpenSshKeyPair identity = OpenSshKeyPair.load(data.resolve("id_ed25519"));
        int port = Processes.freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--data-dir", data.toString(), "--config",
                data.resolve("alknet.toml").toString(), "--listen", "127.0.0.1:" + port));
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("serve.log").toFile()).start();
        List<AlknetClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        boolean met = false;
        try (LoopbackServer echo = Echo.start()) {
            Processes.awaitListening(port, server);
            long idleKib = status(server.pid(), "VmRSS");
            for (int i = 0; i < sessions; i++) {
                AlknetClient client = AlknetClient.builder()
                        .server(new HostPort("127.0.0.1", port))
                        .identity(identity)
                        .insecureAcceptAnyServerKey()
                        .localForward(new LocalForward(new HostPort("127.0.0.1", 0),
                                new HostPort("127.0.0.1", echo.port())))
                        .build();
                clients.add(client);
                client.connect();
            }
            long connectedKib = status(server.pid(), "VmRSS");
            AtomicLong moved = new AtomicLong();
            List<Future<?>> tunnels = new ArrayList<>();
            long start = System.nanoTime();
            for (AlknetClient client : clients) {
                int forward = client.localForwardAddresses().get(0).getPort();
                for (int c = 0; c < channels; c++) {
                    tunnels.add(pool.submit(() -> {
                        roundTrip(pool, forward, bytes);
                        moved.addAndGet(2 * bytes);
                        return null;
                    }));
                }
            }
            int errors = 0;
            for (Future<?> tunnel : tunnels) {
                try {
                    tunnel.get(30, TimeUnit.MINUTES);
                } catch (Exception e) {
                    errors++;
                    if (errors <= 5) {
                        System.out.println("tunnel failed: " + e.getCause());
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long rssKib = status(server.pid(), "VmRSS");
            long peakKib = status(server.pid(), "VmHWM");
            met = errors == 0 && peakKib < RSS_LIMIT_KIB;
            System.out.printf(Locale.ROOT, "%d sessions x %d tunnels, %d MiB each way per tunnel, server JVM options %s%n",
                    sessions, channels, bytes >> 20, jvmOptions.isEmpty() ? "(none)" : String.join(" ", jvmOptions));
            System.out.printf(Locale.ROOT, "  errors %d; %.1f s; %.0f MB/s through the server in total%n", errors,
                    seconds, moved.get() / seconds / 1e6);
            System.out.printf(Locale.ROOT, "  server RSS: idle %d MiB, %d sessions connected %d MiB, after %d MiB, "
                    + "peak (VmHWM) %d MiB%n", idleKib >> 10, sessions, connectedKib >> 10, rssKib >> 10, peakKib >> 10);
            System.out.printf(Locale.ROOT, "%s no errors and server peak RSS < 512 MiB%n", met ? "MET " : "MISS");
        } finally {
            clients.forEach(AlknetClient::close);
            pool.shutdownNow();
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(met ? 0 : 1);
    }

    /** Sends {@code bytes} through the forward while reading the echo back, and checks every byte. */
    private static void roundTrip(ExecutorService pool, int forward, long bytes) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", forward), 30_000);
            socket.setSoTimeout(600_000);
            Future<?> writer = pool.submit(() -> {
                OutputStream out = socket.getOutputStream();
                byte[] chunk = new byte[CHUNK];
                for (long sent = 0; sent < bytes; sent += chunk.length) {
                    fill(chunk, sent);
                    out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
                }
                socket.shutdownOutput();
                return null;
            });
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[CHUNK];
            long received = 0;
            for (int n; (n = in.read(buf)) > 0; received += n) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != pattern(received + i)) {
                        throw new IOException("byte " + (received + i) + " came back changed");
                    }
                }
            }
            writer.get();
            if (received != bytes) {
                throw new IOException("echoed " + received + " of " + bytes + " bytes");
            }
        }
    }

    /** A pattern that depends on the absolute offset, so lost, repeated or reordered bytes are caught. */
    private static void fill(byte[] chunk, long offset) {
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = pattern(offset + i);
        }
    }

    private static byte pattern(long at) {
        return (byte) (at ^ (at >>> 8) ^ (at >>> 16));
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IOException(field + " missing from /proc/" + pid + "/status");
    }

    private static void run(Path jar, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(args);
        Processes.run(command);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
