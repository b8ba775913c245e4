package dev.alknet.bench.tunnel;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.DynamicConfig;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.KeyEntry;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.policy.ForwardingPolicy;
import dev.alknet.transport.AlknetClient;
import dev.alknet.transport.AlknetServer;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-process tunnel throughput, two comparisons in one run, each alternating its two routes after a warm-up:
 * <ul>
 *   <li>{@code ssh -L} (the real OpenSSH client, aes128-gcm by default) through alknet's server vs through OpenSSH
 *       sshd;</li>
 *   <li>SOCKS5: alknet's client (its SOCKS5 front end) to alknet's server vs {@code ssh -D} to sshd.</li>
 * </ul>
 * A payload goes to a sink that acknowledges the last byte. Target for each: alknet ≥ 0.8x OpenSSH (medians).
 *
 * <p>The comparison is of servers in their steady state, so alknet's route is warmed up first: on a 2-core machine
 * shared with the ssh processes, the JIT needs about 2-3 GiB of traffic before the data path is fully compiled,
 * and the rounds before that measure the compiler as much as the tunnel.
 *
 * <p>{@code java -cp alknet-bench/target/benchmarks.jar dev.alknet.bench.tunnel.TunnelThroughput [MiB] [rounds]
 * [cipher] [warm-up MiB]} (the cipher OpenSSH's client asks for; default aes128-gcm@openssh.com, the target's
 * setting; warm-up default 3072 MiB through alknet's route, a quarter of a round through OpenSSH's)
 */
public final class TunnelThroughput {

    private static final double TARGET = 0.8;
    private static final String DEFAULT_CIPHER = "aes128-gcm@openssh.com";
    private static final long DEFAULT_WARM_UP_MIB = 3072;

    private TunnelThroughput() {}

    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * 1024 * 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String cipher = args.length > 2 ? args[2] : DEFAULT_CIPHER;
        long warmUp = (args.length > 3 ? Long.parseLong(args[3]) : DEFAULT_WARM_UP_MIB) * 1024 * 1024;
        Path work = Files.createTempDirectory("alknet-tunnel-bench");
        Path clientKey = work.resolve("id_ed25519");
        OpenSshKeyPair key = OpenSshKeyPair.generateEd25519("bench");
        key.write(clientKey);
        String keyLine = key.publicKey().toLine();
        boolean met;

        DynamicConfig dynamic = DynamicConfig.defaults()
                .withAuth(AuthConfig.empty().withAuthorizedKeys(
                        List.of(new KeyEntry(keyLine, AuthConfig.DEFAULT_SCOPES, Map.of(), "bench"))))
                .withForwarding(ForwardingPolicy.allowAll());
        OpenSshKeyPair hostKey = OpenSshKeyPair.generateEd25519("bench-host");
        try (LoopbackServer sink = Sink.start();
                AlknetServer alknet = AlknetServer.builder()
                        .listener(ListenerConfig.tcp(new HostPort("127.0.0.1", 0)))
                        .config(new ConfigReloadHandle(dynamic))
                        .hostKey(hostKey)
                        .start();
                OpenSshServer sshd = OpenSshServer.start(work, keyLine)) {
            int alknetPort = alknet.listenAddresses().get(0).getPort();
            try (SshProcess forwardViaAlknet = SshProcess.localForward(alknetPort, sink.port(), clientKey, cipher);
                    SshProcess forwardViaSshd = SshProcess.localForward(sshd.port(), sink.port(), clientKey, cipher);
                    SshProcess socksViaSshd = SshProcess.socks(sshd.port(), clientKey, cipher);
                    AlknetClient client = AlknetClient.builder()
                            .server(new HostPort("127.0.0.1", alknetPort))
                            .identity(key)
                            .serverKey(hostKey.publicKey())
                            .socks5(new HostPort("127.0.0.1", 0))
                            .build()) {
                client.connect();
                int alknetSocks = client.socksAddress().orElseThrow().getPort();
                Comparison forward = new Comparison("ssh -L " + cipher,
                        () -> new Socket("127.0.0.1", forwardViaAlknet.localPort()), "alknet server",
                        () -> new Socket("127.0.0.1", forwardViaSshd.localPort()), "OpenSSH sshd");
                Comparison socks = new Comparison("SOCKS5",
                        () -> Socks5.connect(alknetSocks, sink.port()), "alknet client+server",
                        () -> Socks5.connect(socksViaSshd.localPort(), sink.port()), "ssh -D " + cipher + " + sshd");
                met = forward.run(bytes, rounds, warmUp) & socks.run(bytes, rounds, warmUp);
            }
        }
        // Only after every process and server above is closed: System.exit would skip their close().
        System.exit(met ? 0 : 1);
    }

    /** Opens a connection to the sink through one route. */
    @FunctionalInterface
    private interface Route {
        Socket open() throws IOException;
    }

    /** alknet's route against OpenSSH's, alternating, after a warm-up of each. */
    private record Comparison(String title, Route alknet, String alknetName, Route openssh, String opensshName) {

        boolean run(long bytes, int rounds, long warmUp) throws IOException {
            // Warm-up: the JIT for alknet (in transfers of at most a round each), caches for both.
            for (long warmed = 0; warmed < warmUp; warmed += bytes) {
                push(alknet, Math.min(bytes, warmUp - warmed));
            }
            push(openssh, bytes / 4);
            List<Double> alknetRates = new ArrayList<>();
            List<Double> opensshRates = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                alknetRates.add(push(alknet, bytes));
                opensshRates.add(push(openssh, bytes));
            }
            double ratio = median(alknetRates) / median(opensshRates);
            System.out.printf(Locale.ROOT, "%s, %d MiB x %d rounds%n", title, bytes >> 20, rounds);
            System.out.printf(Locale.ROOT, "  %-22s: %s MB/s (median %.0f)%n", alknetName, format(alknetRates),
                    median(alknetRates));
            System.out.printf(Locale.ROOT, "  %-22s: %s MB/s (median %.0f)%n", opensshName, format(opensshRates),
                    median(opensshRates));
            System.out.printf(Locale.ROOT, "%s  alknet/OpenSSH = %.3f (target >= %.1f)%n",
                    ratio >= TARGET ? "MET " : "MISS", ratio, TARGET);
            return ratio >= TARGET;
        }
    }

    /** Sends {@code bytes} through the route and returns MB/s measured until the sink acknowledged them all. */
    private static double push(Route route, long bytes) throws IOException {
        byte[] chunk = new byte[256 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        long start = System.nanoTime();
        try (Socket socket = route.open()) {
            OutputStream out = socket.getOutputStream();
            new DataOutputStream(out).writeLong(bytes);
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
            }
            out.flush();
            if (socket.getInputStream().read() != 1) {
                throw new IOException("the sink did not acknowledge the payload");
            }
            return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> rates) {
        return rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList().toString();
    }

    /** An {@code ssh -N} process with a local forward to the sink or a SOCKS5 listener, on a free local port. */
    private record SshProcess(Process process, int localPort) implements AutoCloseable {

        static SshProcess localForward(int serverPort, int sinkPort, Path identity, String cipher)
                throws IOException, InterruptedException {
            int localPort = Processes.freePort();
            return start(serverPort, identity, cipher, localPort,
                    "-L", "127.0.0.1:" + localPort + ":127.0.0.1:" + sinkPort);
        }

        static SshProcess socks(int serverPort, Path identity, String cipher) throws IOException, InterruptedException {
            int localPort = Processes.freePort();
            return start(serverPort, identity, cipher, localPort, "-D", "127.0.0.1:" + localPort);
        }

        private static SshProcess start(int serverPort, Path identity, String cipher, int localPort, String... what)
                throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("ssh", "-N", "-T",
                    "-o", "ExitOnForwardFailure=yes", "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                    "-o", "LogLevel=ERROR", "-c", cipher, "-i", identity.toString(), "-p", String.valueOf(serverPort)));
            command.addAll(List.of(what));
            command.add("root@127.0.0.1");
            Path log = Files.createTempFile("alknet-bench-ssh", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Processes.awaitListening(localPort, process);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + ": " + Files.readString(log).strip(), e);
            } finally {
                Files.delete(log);
            }
            return new SshProcess(process, localPort);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
