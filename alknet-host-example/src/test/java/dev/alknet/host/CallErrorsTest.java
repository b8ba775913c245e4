package dev.alknet.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Arguments call and ops refuse before connecting anywhere: exit code 2 and one line. */
class CallErrorsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void identity() {
        new Cli().run("keygen", "--data-dir", dir.toString());
    }

    private Cli.Result run(String args) {
        List<String> all = new ArrayList<>(List.of(args.split(";")));
        all.addAll(List.of("--data-dir", dir.toString()));
        return new Cli().run(all.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            call                                             | alknet call  | Missing required parameters
            call;127.0.0.1:1                                 | alknet call  | Missing required parameter: 'OPERATION'
            call;nohost;/services/list                       | alknet call  | expected host:port, got 'nohost'
            call;127.0.0.1:1;/services/list;{nope            | alknet call  | the input is not JSON
            call;127.0.0.1:1;/services/list;[1,              | alknet call  | the input is not JSON
            call;127.0.0.1:1;services                        | alknet call  | operation path 'services' must be
            call;127.0.0.1:1;/a;{};--pretty;--subscribe      | alknet call  | --pretty and --subscribe do not go
            call;127.0.0.1:1;/a/b;{};--anonymous             | alknet call  | --anonymous needs --raw
            call;127.0.0.1:1;/a/b;{};--raw;--server-key;k    | alknet call  | --user, --server-key and --known-hosts
            call;127.0.0.1:1;/a/b;{};--raw;--insecure        | alknet call  | need --transport tls
            ops;127.0.0.1:1;--raw;--identity;/nonexistent/id | alknet ops   | no identity key /nonexistent/id
            ops;127.0.0.1:1;--known-hosts;f;--server-key;k   | alknet ops   | choose one of --server-key and --known
            ops                                              | alknet ops   | Missing required parameter: 'SERVER'
            """)
    void badArguments(String args, String command, String expected) {
        run(args).assertBadUsage(command, expected);
    }
}
