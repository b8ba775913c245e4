package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelpTest {

    @ParameterizedTest
    @CsvSource({
        "'--help', 'Usage: alknet'",
        "'serve,--help', '--max-connections-per-ip'",
        "'connect,--help', '--remote-forward'",
        "'keygen,--help', '-C=COMMENT'",
        "'call,--help', '--subscribe'",
        "'ops,--help', '--schema=OPERATION'",
        "'serve,--help', '--demo-ops'",
        "'help,serve', '--authorized-keys'",
        "'--version', 'alknet '",
    })
    void helpGoesToStdoutWithExitCodeZero(String args, String expected) {
        Cli.Result result = new Cli().run(args.split(","));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains(expected);
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"''", "'bogus'"})
    void noOrAnUnknownCommandIsOneLineAndExitCodeTwo(String args) {
        Cli.Result result = new Cli().run(args.isEmpty() ? new String[0] : new String[] {args});

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().startsWith("alknet: ");
    }

    @ParameterizedTest
    @CsvSource({"'--acme-domain'", "'--iroh-relay'"})
    void unsupportedSpecOptionsAreHiddenFromHelp(String option) {
        assertThat(new Cli().run("serve", "--help").out()).doesNotContain(option);
    }
}
