package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.storage.Retention;
import dev.alknet.storage.StorageConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** The storage {@code alknet serve} is given by its flags, without opening it. */
class StorageSetupTest {

    @TempDir
    Path dir;

    private StorageConfig config(String... args) {
        ServeFlags flags = new ServeFlags();
        new CommandLine(flags).parseArgs(args);
        return StorageSetup.config(flags, Map.of(), dir);
    }

    @Test
    void retentionFlagsBecomeTheConfigsRetention() {
        assertThat(config().retention()).as("nothing pruned unless asked").isNull();
        assertThat(config("--storage-retention-events", "7d").retention())
                .isEqualTo(new Retention(Duration.ofDays(7), null));
        assertThat(config("--storage-retention-audit", "P365D", "--storage-retention-events", "12h").retention())
                .isEqualTo(new Retention(Duration.ofHours(12), Duration.ofDays(365)));
        assertThat(config("--storage", "jdbc:sqlite:" + dir.resolve("x.db"), "--storage-retention-audit", "90s")
                .retention()).isEqualTo(new Retention(null, Duration.ofSeconds(90)));
    }

    @Property(tries = 200)
    void shortAgesParseToTheirDuration(@ForAll @LongRange(min = 1, max = 999_999_999L) long n,
            @ForAll("units") String unit) {
        Duration expected = switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        assertThat(new Converters.AgeValue().convert(n + unit)).isEqualTo(expected);
    }

    @Property(tries = 500)
    void anyTextIsAPositiveAgeOrOneClearError(@ForAll("ageLike") String text) {
        try {
            assertThat(new Converters.AgeValue().convert(text)).isPositive();
        } catch (TypeConversionException e) {
            assertThat(e.getMessage()).contains("'" + text + "'").containsAnyOf("is not an age", "must be positive");
        }
    }

    @Test
    void zeroAndNegativeAgesAreRefused() {
        for (String text : new String[] {"0d", "0s", "PT0S", "PT-1H", "-1d"}) {
            assertThatThrownBy(() -> new Converters.AgeValue().convert(text)).as(text)
                    .isInstanceOf(TypeConversionException.class);
        }
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("s", "m", "h", "d");
    }

    /** Mostly near misses of an age: digits, unit letters, ISO-8601 pieces, signs and anything else. */
    @Provide
    Arbitrary<String> ageLike() {
        Arbitrary<String> pieces = Arbitraries.of("0", "1", "7", "99999999999999999999", "s", "m", "h", "d", "P", "T",
                "D", "H", "M", "S", "-", ".", " ", "é", "\u0000");
        return Arbitraries.oneOf(pieces.list().ofMaxSize(6).map(p -> String.join("", p)), Arbitraries.strings());
    }
}
