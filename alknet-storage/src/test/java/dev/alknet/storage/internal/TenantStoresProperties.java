package dev.alknet.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Names made from tenant ids, for any string: a valid id gives a file directly inside the data directory and a
 * schema that is a plain identifier short enough for PostgreSQL (also inside the longest channel name made from it),
 * and two ids never share a name; anything else is refused with a message about the tenant id.
 */
class TenantStoresProperties {

    private static final Pattern VALID = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Path DATA_DIR = Path.of("/srv/alknet/data");

    @Property(tries = 1000)
    void validIdsNameOneFileInTheDataDirectoryAndOnePlainSchema(@ForAll("ids") String id) {
        if (VALID.matcher(id).matches()) {
            Path file = DATA_DIR.resolve(TenantStores.fileName(id)).normalize();
            assertThat(file.getParent()).isEqualTo(DATA_DIR);
            assertThat(file.getFileName().toString()).isEqualTo("tenant-" + id + ".db");
            String schema = TenantStores.schema(id);
            assertThat(schema).matches("tenant_[a-z0-9_]{1,40}");
            assertThat((ChangeWatcher.CHANNEL + "_" + schema).getBytes(StandardCharsets.UTF_8).length)
                    .as("PostgreSQL identifiers are at most 63 bytes").isLessThanOrEqualTo(63);
            Statistics.collect("valid");
        } else {
            assertThatThrownBy(() -> TenantStores.fileName(id)).isInstanceOfSatisfying(StorageException.class, e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID);
                assertThat(e.getMessage()).startsWith("tenant id ").hasSizeLessThan(200);
            });
            assertThatThrownBy(() -> TenantStores.schema(id)).isInstanceOf(StorageException.class);
            Statistics.collect("refused");
        }
    }

    @Property(tries = 1000)
    void distinctValidIdsNeverShareAName(@ForAll("valid") String a, @ForAll("valid") String b) {
        if (!a.equals(b)) {
            assertThat(TenantStores.schema(a)).isNotEqualTo(TenantStores.schema(b));
            assertThat(TenantStores.fileName(a)).isNotEqualTo(TenantStores.fileName(b));
        }
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(valid(), Arbitraries.strings().ofMaxLength(50),
                Arbitraries.strings().withChars("ab-_./\\\"'%\u00e9A \u0000".toCharArray()).ofMaxLength(45));
    }

    @Provide
    Arbitrary<String> valid() {
        // Few characters, so that near-misses ("a-b" / "a_b" were one schema if '_' were allowed) come up often.
        return Arbitraries.strings().withChars("ab-".toCharArray()).ofMinLength(1).ofMaxLength(40);
    }
}
