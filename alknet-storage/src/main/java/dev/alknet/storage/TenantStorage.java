package dev.alknet.storage;

import dev.alknet.storage.internal.Database;
import dev.alknet.storage.internal.JdbcStore;
import dev.alknet.storage.internal.Pruning;
import dev.alknet.storage.internal.TenantMetagraph;
import java.time.Clock;
import java.util.Objects;

/**
 * One organisation's store (from {@link StorageService#tenant}): its own metagraph, streams, work queue and
 * notifications, in a database of its own — the SQLite file {@code tenant-<orgId>.db} beside the system file, or
 * the PostgreSQL schema {@code tenant_<orgId>} — so nothing written here is seen by another tenant or by the system
 * database. Graphs may use the system database's system-scoped graph types (see {@link #metagraph()}).
 *
 * <p>Thread-safe. Owned by the {@code StorageService}: one handle per organisation, closed with the service or
 * by {@link StorageService#dropTenant}.
 */
public final class TenantStorage {

    private final String orgId;
    private final JdbcStore store;
    private final TenantMetagraph metagraph;
    private final Clock clock;

    TenantStorage(String orgId, Database db, Database systemDb, Metagraph system, Clock clock) {
        this.orgId = orgId;
        this.clock = clock;
        this.store = new JdbcStore(db, clock, () -> { });
        try {
            this.metagraph = new TenantMetagraph(store, systemDb, system, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The organisation this store belongs to. */
    public String orgId() {
        return orgId;
    }

    /**
     * The tenant's typed graphs. Its graph types are its own tenant- and user-scoped types and the system
     * database's system-scoped ones, which it uses by id: creating a graph of a system type copies the type, with
     * its node and edge types and under the same ids, into this store (see {@link #adoptSystemType}). Creating a
     * system-scoped type here, or a node or edge type of a system type, is {@code INVALID}: that is done in the
     * system database.
     */
    public Metagraph metagraph() {
        return metagraph;
    }

    /**
     * Copies the system-scoped graph type {@code graphTypeId} into this store now, or adds to the copy the node and
     * edge types the system type gained since; {@code createGraph} and opening the tenant do the same.
     *
     * @return the copy
     * @throws StorageException NOT_FOUND when the system database has no such type, INVALID when it is not
     *     system-scoped, ALREADY_EXISTS when a type of the tenant's own has its name
     */
    public GraphType adoptSystemType(String graphTypeId) {
        return metagraph.adoptSystemType(Objects.requireNonNull(graphTypeId, "graphTypeId"));
    }

    /** The tenant's durable streams ({@code graph:<id>} and {@code graphs} of its graphs, and its own). */
    public Streams streams() {
        return store.streams();
    }

    /** Notifications among the users of this tenant only. */
    public Notifications notifications() {
        return store.notifications();
    }

    /** The tenant's work queue. */
    public WorkQueue workQueue() {
        return store.workQueue();
    }

    /**
     * Deletes the tenant's stream events that {@code retention} no longer keeps (a tenant keeps no audit rows); a
     * retention configured in {@link StorageConfig} prunes every open tenant by itself.
     */
    public Retention.Pruned prune(Retention retention) {
        return Pruning.pruneEvents(store.db(), Objects.requireNonNull(retention, "retention"), clock.instant());
    }

    public Dialect dialect() {
        return store.db().dialect();
    }

    void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "TenantStorage[" + orgId + ", " + dialect() + "]";
    }
}
