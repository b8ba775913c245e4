package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** curl as the reference SOCKS5 client ({@code --socks5-hostname}: remote name resolution) and HTTPS client. */
final class Curl {

    private Curl() {
    }

    static String get(int socksPort, String url) throws Exception {
        return run("--socks5-hostname", "127.0.0.1:" + socksPort, url);
    }

    /** The whole response, headers included, without checking the certificate (as a prober would). */
    static String insecureHttps(String url) throws Exception {
        return run("-k", "-i", url);
    }

    private static String run(String... arguments) throws Exception {
        assumeTrue(installed(), "curl is not installed; .ci/run installs it (apt-get install curl)");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
        command.addAll(List.of(arguments));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(output).isZero();
        return output;
    }

    private static boolean installed() {
        try {
            return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
