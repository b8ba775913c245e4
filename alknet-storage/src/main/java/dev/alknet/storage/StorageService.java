package dev.alknet.storage;

import dev.alknet.storage.internal.ApiKeyUsage;
import dev.alknet.storage.internal.Database;
import dev.alknet.storage.internal.IdentityResolver;
import dev.alknet.storage.internal.JdbcAccessGraph;
import dev.alknet.storage.internal.JdbcIdentities;
import dev.alknet.storage.internal.JdbcStore;
import dev.alknet.storage.internal.Pruning;
import dev.alknet.storage.internal.TenantStores;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The node's durable state: opens (and migrates) the system database named by a {@link StorageConfig} and hands out
 * the parts of the storage API over it, and opens each organisation's own store beside it ({@link #tenant}).
 * Thread-safe; close it to release the connections, the tenants' included.
 *
 * <pre>{@code
 * try (StorageService storage = StorageService.open(StorageConfig.inDataDir(dataDir))) {
 *     ...
 * }
 * }</pre>
 */
public final class StorageService implements AutoCloseable {

    /**
     * How long another process's identity changes may stay unseen by this one's providers should the change watcher
     * fail; normally they are seen as soon as they commit.
     */
    public static final Duration IDENTITY_CACHE_TTL = Duration.ofSeconds(30);

    /** Default token window, as config-based auth: a token's timestamp may be this far from now either way. */
    public static final Duration DEFAULT_TOKEN_WINDOW = Duration.ofSeconds(300);

    private static final long IDENTITY_CACHE_SIZE = 100_000;

    private final StorageConfig config;
    private final Database db;
    private final Clock clock;
    private final JdbcStore store;
    private final IdentityResolver resolver;
    private final ApiKeyUsage apiKeyUsage;
    private final Identities identities;
    private final StorageIdentityProvider identityProvider;
    /** The configured retention's timer, or null. */
    private final AutoCloseable pruning;
    private volatile AccessGraph acl;
    /**
     * Opening tenants hold the read lock; closing the service and dropping a tenant the write lock, so neither
     * meets a tenant half open.
     */
    private final ReadWriteLock tenantsLock = new ReentrantReadWriteLock();
    /** Open (or opening) tenant stores by organisation id; guarded by {@link #tenantsLock}'s read lock. */
    private final Map<String, CompletableFuture<TenantStorage>> tenants = new ConcurrentHashMap<>();
    /** Guarded by {@link #tenantsLock}. */
    private boolean closed;

    private StorageService(StorageConfig config, Database db, Clock clock) {
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.apiKeyUsage = new ApiKeyUsage(db, true);
        this.resolver = new IdentityResolver(db, IDENTITY_CACHE_TTL, IDENTITY_CACHE_SIZE, apiKeyUsage);
        // Commits from other processes also clear this one's identity cache when identities changed.
        this.store = new JdbcStore(db, clock, resolver::refreshIfChanged);
        this.identities = new JdbcIdentities(db, store.outbox(), clock, resolver::invalidateAll, store.metagraph());
        this.identityProvider = identityProvider(IdentityIds.ACCOUNT, DEFAULT_TOKEN_WINDOW);
        Retention retention = config.retention();
        this.pruning = retention == null ? null
                : Pruning.schedule(() -> pruneAll(retention), StorageConfig.PRUNE_INTERVAL);
    }

    /**
     * Opens the database, creating the SQLite file and its directory when missing, and migrates it to the current
     * schema.
     *
     * @throws StorageException of kind {@code UNAVAILABLE} when the database cannot be reached or migrated
     */
    public static StorageService open(StorageConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** As {@link #open(StorageConfig)}; {@code clock} stamps rows and decides expiry. */
    public static StorageService open(StorageConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Database db = Database.open(config);
        try {
            return new StorageService(config, db, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Typed graphs with schema-checked attributes. */
    public Metagraph metagraph() {
        return store.metagraph();
    }

    /** The durable event streams every change publishes to, with per-consumer offsets. */
    public Streams streams() {
        return store.streams();
    }

    /** Ephemeral notify/listen: real-time signals that are never stored. */
    public Notifications notifications() {
        return store.notifications();
    }

    /** The at-least-once work queue (claim / ack / visibility timeout). */
    public WorkQueue workQueue() {
        return store.workQueue();
    }

    /** The access control graph, created with its types on first use. */
    public AccessGraph acl() {
        AccessGraph a = acl;
        if (a == null) {
            a = JdbcAccessGraph.open(store.metagraph(), db, store.outbox());
            acl = a;
        }
        return a;
    }

    /**
     * The store of organisation {@code orgId}: the SQLite file {@code tenant-<orgId>.db} beside the system file, or
     * the PostgreSQL schema {@code tenant_<orgId>} (with {@code -} as {@code _}) in the system's database, created
     * and migrated on first use. There are no keys across databases, so the organisation is looked up in this
     * (system) database on every call. One handle per organisation: concurrent and later calls get the same one,
     * which stays open until this service closes or {@link #dropTenant} drops it.
     *
     * @param orgId an organisation id: 1..40 characters of {@code a-z}, {@code 0-9} and {@code -} (storage's ids are
     *     lower-case UUIDs)
     * @throws StorageException INVALID for an id that cannot be one (nothing is created), NOT_FOUND when there is
     *     no such organisation (also when its store is on disk), UNAVAILABLE when the store cannot be opened
     * @throws IllegalStateException once this service is closed
     */
    public TenantStorage tenant(String orgId) {
        String id = TenantStores.checkId(orgId);
        Lock lock = tenantsLock.readLock();
        lock.lock();
        try {
            ensureOpen();
            if (identities.organization(id).isEmpty()) {
                throw new StorageException(StorageException.Kind.NOT_FOUND, "organisation " + id
                        + " does not exist; a tenant store belongs to an organisation of the system database");
            }
            CompletableFuture<TenantStorage> mine = new CompletableFuture<>();
            CompletableFuture<TenantStorage> shared = tenants.putIfAbsent(id, mine);
            if (shared != null) {
                return await(shared);
            }
            try {
                mine.complete(openTenant(id));
            } catch (RuntimeException e) {
                // Not kept: the next call tries again.
                tenants.remove(id, mine);
                mine.completeExceptionally(e);
            }
            return await(mine);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes organisation {@code orgId}'s store if open and deletes it with everything in it (its SQLite files, or
     * its PostgreSQL schema), whether or not the organisation still exists; a later {@link #tenant} of an existing
     * organisation starts an empty store. No other process may have the store open.
     *
     * @return false when there was no handle open here (the store is deleted all the same if it exists)
     */
    public boolean dropTenant(String orgId) {
        String id = TenantStores.checkId(orgId);
        Lock lock = tenantsLock.writeLock();
        lock.lock();
        try {
            ensureOpen();
            CompletableFuture<TenantStorage> open = tenants.remove(id);
            if (open != null) {
                open.join().close();
            }
            TenantStores.drop(config, db, id);
            return open != null;
        } finally {
            lock.unlock();
        }
    }

    private TenantStorage openTenant(String id) {
        Database tenantDb = TenantStores.open(config, id);
        try {
            return new TenantStorage(id, tenantDb, db, store.metagraph(), clock);
        } catch (RuntimeException e) {
            tenantDb.close();
            throw e;
        }
    }

    private static TenantStorage await(CompletableFuture<TenantStorage> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("storage is closed");
        }
    }

    /** Accounts, organisations, SSH keys and API keys. */
    public Identities identities() {
        return identities;
    }

    /** Resolves credentials to identities whose id is the account id, with the default token window. */
    public StorageIdentityProvider identityProvider() {
        return identityProvider;
    }

    /**
     * A provider over the same cache with other settings, e.g. {@link IdentityIds#FINGERPRINT} for a host moving
     * from config-based auth.
     */
    public StorageIdentityProvider identityProvider(IdentityIds ids, Duration tokenWindow) {
        return new StorageIdentityProvider(resolver, clock, ids, tokenWindow);
    }

    /**
     * Deletes stream events and audit rows that {@code retention} no longer keeps (see {@link Retention}; a stream's
     * events go only once every consumer of it has committed past them, never those of the ACL graph), in one
     * transaction. Call it from a periodic job; a consumer that starts after a prune starts at the oldest event kept.
     */
    public Retention.Pruned prune(Retention retention) {
        return Pruning.prune(db, Objects.requireNonNull(retention, "retention"), clock.instant());
    }

    /** The configured retention's round: the system database, then every open tenant. */
    private Retention.Pruned pruneAll(Retention retention) {
        Retention.Pruned total = prune(retention);
        for (CompletableFuture<TenantStorage> t : tenants.values()) {
            TenantStorage tenant = t.getNow(null);
            if (tenant != null) {
                Retention.Pruned p = tenant.prune(retention);
                total = new Retention.Pruned(total.events() + p.events(), total.auditRows());
            }
        }
        return total;
    }

    public Dialect dialect() {
        return db.dialect();
    }

    /** Closes every tenant store, then the system database. */
    @Override
    public void close() {
        if (pruning != null) {
            JdbcStore.closeQuietly(pruning);
        }
        Lock lock = tenantsLock.writeLock();
        lock.lock();
        try {
            closed = true;
            tenants.values().forEach(t -> t.join().close());
            tenants.clear();
        } finally {
            lock.unlock();
        }
        apiKeyUsage.close();
        store.close();
    }
}
