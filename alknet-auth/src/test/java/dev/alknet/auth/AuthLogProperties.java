package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class AuthLogProperties {

    @Property(tries = 2000)
    void anyUserNameYieldsOneLineWithTheRealAddressForFail2ban(@ForAll @Size(max = 200) String user) {
        RecordingLogger recorder = new RecordingLogger();
        AuthLog log = new AuthLog(recorder.logger());

        log.authRejected(AuthLogTest.tcp("203.0.113.9", 4711), user, null, AuthFailure.KEY_REJECTED);
        log.authAccepted(AuthLogTest.tcp("198.51.100.1", 4711), user, Fixtures.USER_FINGERPRINT);

        String reject = recorder.lines().get(0);
        assertThat(reject).doesNotContain("\n", "\r").hasLineCount(1);
        assertThat(reject.split(" ")).hasSize(7);
        Matcher match = Fail2banFilter.load().matcher(Fail2banFilter.LOGBACK_PREFIX + reject);
        assertThat(match.find()).isTrue();
        assertThat(match.group("addr")).isEqualTo("203.0.113.9");
        assertThat(Fail2banFilter.load().matcher(Fail2banFilter.LOGBACK_PREFIX + recorder.lines().get(1)).find())
                .isFalse();
    }
}
