package dev.alknet.auth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool from a Debian package that serves as a reference implementation. Tests that need it are
 * skipped, with a reason naming the package, where it is not installed; {@code .ci/run} installs it.
 */
record ExternalTool(String command, String debianPackage) {

    static final ExternalTool SSH_KEYGEN = new ExternalTool("ssh-keygen", "openssh-client");
    static final ExternalTool FAIL2BAN_REGEX = new ExternalTool("fail2ban-regex", "fail2ban");

    boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    void assumeAvailable() {
        assumeTrue(available(), command + " not found: install the Debian package " + debianPackage
                + " to run this check against the real tool (the fixture-based tests cover the same logic)");
    }

    /** Runs the tool and returns its combined output; fails the test on a non-zero exit status. */
    String run(String... args) {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", line) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
