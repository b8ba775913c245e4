package dev.alknet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * trezor's reference implementation (Debian package python3-mnemonic) as a second oracle beside the vendored
 * vectors: random entropy of every length and passphrases with composed, decomposed and compatibility
 * characters, so NFKD and UTF-8 handling are compared, not only the fixed "TREZOR" passphrase.
 */
class PythonMnemonicOracleTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = String.join("\n",
            "import sys",
            "from mnemonic import Mnemonic",
            "m = Mnemonic('english')",
            "for line in sys.stdin.read().splitlines():",
            "    entropy, passphrase = line.split('\\t')",
            "    words = m.to_mnemonic(bytes.fromhex(entropy))",
            "    print(words + '\\t' + m.to_seed(words, passphrase).hex())");
    private static final String[] PIECES = {"a", "Z", "7", " ", "é", "e\u0301", "㍍", "ﾊﾟ", "ｶﾞ", "ß", "Å", "ﬁ", "€"};

    @Test
    void agreesWithTrezorPythonMnemonic() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run("import mnemonic").exitCode == 0,
                "python3-mnemonic not found: install the Debian package python3-mnemonic to compare with trezor's "
                        + "implementation (the vendored vectors still run)");
        Random random = new Random(74);
        List<byte[]> entropies = new ArrayList<>();
        List<String> passphrases = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            byte[] entropy = new byte[16 + 4 * random.nextInt(5)];
            random.nextBytes(entropy);
            StringBuilder passphrase = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                passphrase.append(PIECES[random.nextInt(PIECES.length)]);
            }
            entropies.add(entropy);
            passphrases.add(passphrase.toString());
            input.append(HexFormat.of().formatHex(entropy)).append('\t').append(passphrase).append('\n');
        }

        Result result = run(SCRIPT, input.toString());
        assertThat(result.exitCode).as(result.output).isZero();
        List<String> lines = result.output.lines().toList();
        assertThat(lines).hasSize(entropies.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t");
            assertThat(Bip39.fromEntropy(entropies.get(i))).isEqualTo(fields[0]);
            assertThat(HexFormat.of().formatHex(Bip39.seed(fields[0], passphrases.get(i))))
                    .as("passphrase %s", passphrases.get(i)).isEqualTo(fields[1]);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(String script, String... stdin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true);
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        process.getOutputStream().write(String.join("", stdin).getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
