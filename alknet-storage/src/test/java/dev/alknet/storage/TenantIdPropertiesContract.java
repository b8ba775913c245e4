package dev.alknet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;

/**
 * Any string as a tenant id, also when an organisation with exactly that id exists (written past storage's own id
 * making): a valid id opens a store under exactly {@code tenant-<id>.db} in the data directory or the schema
 * {@code tenant_<id>}, and nothing else appears; any other id is INVALID naming the tenant id, and nothing at all
 * appears — no file anywhere near the data directory, no schema, no statement run with it.
 */
abstract class TenantIdPropertiesContract {

    StorageConfig config;
    StorageService storage;
    String ownerId;
    int orgs;

    abstract StorageBackend backend();

    @BeforeProperty
    void open() {
        config = backend().freshDatabase();
        storage = StorageService.open(config);
        ownerId = storage.identities().createAccount("owner@example.org", null, AccessLevel.USER, Grant.none()).id();
    }

    @AfterProperty
    void close() {
        storage.close();
    }

    @Property(tries = 40)
    void anIdOpensExactlyItsOwnStoreOrIsRefused(@ForAll("ids") String id) throws SQLException {
        boolean organisation = insertOrganization(id);
        Set<String> before = TenantFootprint.of(config);
        if (TenantIds.VALID.matcher(id).matches()) {
            assertThat(organisation).as("a valid id is storable").isTrue();
            assertThat(storage.tenant(id).orgId()).isEqualTo(id);
            Set<String> added = new HashSet<>(TenantFootprint.of(config));
            added.removeAll(before);
            assertThat(TenantFootprint.hasStore(config, id)).isTrue();
            assertThat(added).as("only the tenant's store").allMatch(name -> config.dialect() == Dialect.POSTGRESQL
                    ? name.equals("tenant_" + id.replace('-', '_'))
                    : name.startsWith(TenantFootprint.dataDir(config).resolve("tenant-" + id + ".db").toString()));
            assertThat(storage.dropTenant(id)).isTrue();
            Statistics.collect("opened");
        } else {
            assertThatThrownBy(() -> storage.tenant(id)).isInstanceOfSatisfying(StorageException.class, e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID);
                assertThat(e.getMessage()).startsWith("tenant id ").hasSizeLessThan(200);
            });
            Statistics.collect(organisation ? "refused, organisation exists" : "refused");
        }
        assertThat(TenantFootprint.of(config)).isEqualTo(before);
    }

    @Provide
    Arbitrary<String> ids() {
        return TenantIds.any();
    }

    /**
     * An organisation row with exactly this id (kept when an earlier try made it), when the database can store the
     * text (PostgreSQL refuses NUL).
     */
    private boolean insertOrganization(String id) throws SQLException {
        int n = ++orgs;
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                PreparedStatement insert = c.prepareStatement("INSERT INTO organizations (id, name, slug, owner_id, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, "org " + n);
            insert.setString(3, "org-" + n);
            insert.setString(4, ownerId);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (id.indexOf('\u0000') >= 0) {
                return false;
            }
            throw e;
        }
    }
}
