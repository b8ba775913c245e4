package dev.alknet.storage;

import dev.alknet.storage.internal.ApiKeyUsage;
import dev.alknet.storage.internal.Database;
import dev.alknet.storage.internal.IdentityResolver;
import dev.alknet.storage.internal.JdbcAccessGraph;
import dev.alknet.storage.internal.JdbcIdentities;
import dev.alknet.storage.internal.JdbcMetagraph;
import dev.alknet.storage.internal.JdbcNotifications;
import dev.alknet.storage.internal.JdbcStreams;
import dev.alknet.storage.internal.JdbcWorkQueue;
import dev.alknet.storage.internal.Outbox;
import dev.alknet.storage.internal.Pruning;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The node's durable state: opens (and migrates) the database named by a {@link StorageConfig} and hands out the
 * parts of the storage API over it. Thread-safe; close it to release the connections.
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

    private final Database db;
    private final Clock clock;
    private final JdbcMetagraph metagraph;
    private final IdentityResolver resolver;
    private final ApiKeyUsage apiKeyUsage;
    private final Identities identities;
    private final StorageIdentityProvider identityProvider;
    private final JdbcStreams streams;
    private final WorkQueue queue;
    private final JdbcNotifications notifications;
    private final AutoCloseable watcher;
    /** The configured retention's timer, or null. */
    private final AutoCloseable pruning;
    private final Outbox outbox;
    private volatile AccessGraph acl;

    private StorageService(Database db, Clock clock, Retention retention) {
        this.db = db;
        this.clock = clock;
        this.outbox = new Outbox(db);
        this.metagraph = new JdbcMetagraph(db, outbox, clock);
        this.apiKeyUsage = new ApiKeyUsage(db, true);
        this.resolver = new IdentityResolver(db, IDENTITY_CACHE_TTL, IDENTITY_CACHE_SIZE, apiKeyUsage);
        this.identities = new JdbcIdentities(db, outbox, clock, resolver::invalidateAll, metagraph);
        this.streams = new JdbcStreams(db, outbox, clock);
        this.queue = new JdbcWorkQueue(db, clock);
        this.notifications = new JdbcNotifications(db);
        // Commits from other processes wake this one's subscribers and clear its identity cache when identities
        // changed.
        this.watcher = db.watchChanges(() -> {
            outbox.signal();
            resolver.refreshIfChanged();
        }, notifications::deliver);
        this.identityProvider = identityProvider(IdentityIds.ACCOUNT, DEFAULT_TOKEN_WINDOW);
        this.pruning = retention == null ? null
                : Pruning.schedule(db, retention, clock, StorageConfig.PRUNE_INTERVAL);
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
            return new StorageService(db, clock, config.retention());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Typed graphs with schema-checked attributes. */
    public Metagraph metagraph() {
        return metagraph;
    }

    /** The durable event streams every change publishes to, with per-consumer offsets. */
    public Streams streams() {
        return streams;
    }

    /** Ephemeral notify/listen: real-time signals that are never stored. */
    public Notifications notifications() {
        return notifications;
    }

    /** The at-least-once work queue (claim / ack / visibility timeout). */
    public WorkQueue workQueue() {
        return queue;
    }

    /** The access control graph, created with its types on first use. */
    public AccessGraph acl() {
        AccessGraph a = acl;
        if (a == null) {
            a = JdbcAccessGraph.open(metagraph, db, outbox);
            acl = a;
        }
        return a;
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

    public Dialect dialect() {
        return db.dialect();
    }

    @Override
    public void close() {
        if (pruning != null) {
            closeQuietly(pruning);
        }
        streams.closeAll();
        notifications.closeAll();
        apiKeyUsage.close();
        closeQuietly(watcher);
        db.close();
    }

    /** For the helpers around the database: they only speed things up or tidy; closing the database is what matters. */
    private static void closeQuietly(AutoCloseable helper) {
        try {
            helper.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
