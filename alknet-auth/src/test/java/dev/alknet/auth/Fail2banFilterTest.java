package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped filter against lines exactly as {@link AuthLog} writes them behind a logback prefix. */
class Fail2banFilterTest {

    private static final String FORGED_USER =
            "evil remote_addr=6.6.6.6 user=x key_fingerprint=- result=reject\nauth attempt remote_addr=7.7.7.7";
    private static final List<String> LOG = new ArrayList<>();

    @BeforeAll
    static void writeLog() {
        RecordingLogger recorder = new RecordingLogger();
        AuthLog log = new AuthLog(recorder.logger());
        log.connectionOpened(AuthLogTest.tcp("203.0.113.50", 40000));
        log.authRejected(AuthLogTest.tcp("203.0.113.50", 40000), "root", Fixtures.USER_FINGERPRINT,
                AuthFailure.KEY_REJECTED);
        log.authRejected(AuthLogTest.tcp("2001:db8::7", 40001), "deploy", null, AuthFailure.TOKEN_REJECTED);
        log.authAccepted(AuthLogTest.tcp("198.51.100.1", 40002), "alice", Fixtures.USER_FINGERPRINT);
        log.authRejected(AuthLogTest.tcp("203.0.113.9", 40003), FORGED_USER, null, AuthFailure.PRINCIPAL_MISMATCH);
        log.authAccepted(AuthLogTest.tcp("198.51.100.2", 40004), FORGED_USER, Fixtures.USER_FINGERPRINT);
        log.connectionRejected(AuthLogTest.tcp("203.0.113.77", 40005));
        log.connectionClosed(AuthLogTest.tcp("203.0.113.50", 40000), Duration.ofSeconds(3));
        for (String line : recorder.lines()) {
            LOG.add(Fail2banFilter.LOGBACK_PREFIX + line);
        }
    }

    private static final List<String> BANNED = List.of("203.0.113.50", "2001:db8::7", "203.0.113.9");

    @Test
    void javaRegexMatchesRejectionsOnlyAndYieldsTheClientIp() {
        Pattern filter = Fail2banFilter.load();
        List<String> addresses = new ArrayList<>();
        for (String line : LOG) {
            Matcher match = filter.matcher(line);
            if (match.find()) {
                addresses.add(match.group("addr"));
            }
        }

        assertThat(addresses).containsExactlyElementsOf(BANNED);
    }

    @Test
    void realFail2banRegexAgrees(@TempDir Path dir) throws Exception {
        ExternalTool.FAIL2BAN_REGEX.assumeAvailable();
        Path logFile = dir.resolve("alknet.log");
        Files.write(logFile, LOG);

        String output = ExternalTool.FAIL2BAN_REGEX.run("--out", "ip", logFile.toString(),
                Fail2banFilter.FILE.toString());

        assertThat(output.strip().lines()).containsExactlyElementsOf(BANNED);
    }

    @Test
    void realFail2banReadsTheTimestampsAndCountsMisses(@TempDir Path dir) throws Exception {
        ExternalTool.FAIL2BAN_REGEX.assumeAvailable();
        Path logFile = dir.resolve("alknet.log");
        Files.write(logFile, LOG);

        String report = ExternalTool.FAIL2BAN_REGEX.run(logFile.toString(), Fail2banFilter.FILE.toString());

        assertThat(report).contains("Lines: 8 lines, 0 ignored, 3 matched, 5 missed")
                .containsPattern("\\[8\\] \\{\\^LN-BEG\\}Year-Month-Day");
    }
}
