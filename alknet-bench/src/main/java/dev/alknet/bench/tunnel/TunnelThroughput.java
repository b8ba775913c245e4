package dev.alknet.bench.tunnel;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.DynamicConfig;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.KeyEntry;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.policy.ForwardingPolicy;
import dev.alknet.transport.AlknetServer;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-process tunnel throughput: the real OpenSSH client ({@code ssh -N -L}, aes128-gcm) pushes a payload
 * through a local forward to a sink, once via alknet's server and once via OpenSSH's sshd, alternating, in one
 * run. Target: alknet ≥ 0.8x sshd (median of the rounds).
 *
 * <p>{@code java -cp alknet-bench/target/benchmarks.jar dev.alknet.bench.tunnel.TunnelThroughput [MiB] [rounds]
 * [cipher]} (the cipher the OpenSSH client asks for; default aes128-gcm@openssh.com, the target's setting)
 */
public final class TunnelThroughput {

    private static final double TARGET = 0.8;
    private static final String DEFAULT_CIPHER = "aes128-gcm@openssh.com";
    private static String cipher = DEFAULT_CIPHER;

    private TunnelThroughput() {}

    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * 1024 * 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        cipher = args.length > 2 ? args[2] : DEFAULT_CIPHER;
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
        try (LoopbackServer sink = Sink.start();
                AlknetServer alknet = AlknetServer.builder()
                        .listener(ListenerConfig.tcp(new HostPort("127.0.0.1", 0)))
                        .config(new ConfigReloadHandle(dynamic))
                        .hostKey(OpenSshKeyPair.generateEd25519("bench-host"))
                        .start();
                OpenSshServer sshd = OpenSshServer.start(work, keyLine)) {
            int alknetPort = alknet.listenAddresses().get(0).getPort();
            try (Forward viaAlknet = Forward.open(alknetPort, sink.port(), clientKey);
                    Forward viaSshd = Forward.open(sshd.port(), sink.port(), clientKey)) {
                // Warm-up: JIT for alknet, caches for both.
                push(viaAlknet.localPort(), bytes / 4);
                push(viaSshd.localPort(), bytes / 4);
                List<Double> alknetRates = new ArrayList<>();
                List<Double> sshdRates = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    alknetRates.add(push(viaAlknet.localPort(), bytes));
                    sshdRates.add(push(viaSshd.localPort(), bytes));
                }
                double alknetMedian = median(alknetRates);
                double sshdMedian = median(sshdRates);
                double ratio = alknetMedian / sshdMedian;
                System.out.printf(Locale.ROOT, "ssh -L %s, %d MiB x %d rounds%n", cipher, bytes >> 20, rounds);
                System.out.printf(Locale.ROOT, "  alknet server : %s MB/s (median %.0f)%n", format(alknetRates),
                        alknetMedian);
                System.out.printf(Locale.ROOT, "  OpenSSH sshd  : %s MB/s (median %.0f)%n", format(sshdRates),
                        sshdMedian);
                System.out.printf(Locale.ROOT, "%s  alknet/sshd = %.3f (target >= %.1f)%n",
                        ratio >= TARGET ? "MET " : "MISS", ratio, TARGET);
                met = ratio >= TARGET;
            }
        }
        // Only after every process and server above is closed: System.exit would skip their close().
        System.exit(met ? 0 : 1);
    }

    /** Sends {@code bytes} through the forward and returns MB/s measured until the sink acknowledged them all. */
    private static double push(int localPort, long bytes) throws IOException {
        byte[] chunk = new byte[256 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), localPort)) {
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
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

    /** An {@code ssh -N -L} process forwarding a free local port to the sink through one server. */
    private record Forward(Process process, int localPort) implements AutoCloseable {

        static Forward open(int serverPort, int sinkPort, Path identity) throws IOException, InterruptedException {
            int localPort = Processes.freePort();
            Process process = new ProcessBuilder("ssh", "-N", "-T",
                    "-o", "ExitOnForwardFailure=yes", "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                    "-o", "LogLevel=ERROR", "-c", cipher, "-i", identity.toString(), "-p", String.valueOf(serverPort),
                    "-L", "127.0.0.1:" + localPort + ":127.0.0.1:" + sinkPort, "root@127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Processes.awaitListening(localPort, process);
            return new Forward(process, localPort);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
