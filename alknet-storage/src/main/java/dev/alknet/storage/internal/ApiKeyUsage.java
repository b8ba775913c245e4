package dev.alknet.storage.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code api_keys.last_used_at} without a write per authentication: a successful resolution only notes the time
 * in memory, a key whose stored time is less than {@link #RESOLUTION} old is not noted at all, and what was noted is
 * written every {@link #FLUSH_INTERVAL} in one transaction (and when storage closes). So {@code last_used_at} is at
 * most {@code RESOLUTION + FLUSH_INTERVAL} behind, a crash loses at most one interval of uses, and a key used a
 * thousand times a second costs one row update a minute. The time only moves forward, also between processes.
 */
public final class ApiKeyUsage implements AutoCloseable {

    /** A use this close to the last written one is not written again. */
    public static final Duration RESOLUTION = Duration.ofMinutes(1);
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyUsage.class);

    private final Database db;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final Cache<String, Long> written = Caffeine.newBuilder().maximumSize(100_000).build();
    private final boolean scheduled;
    /** Started by the first use, so a storage that never sees an API key runs no thread for them. */
    private ScheduledExecutorService flusher;
    private boolean closed;

    /** @param scheduled whether to flush on a timer; tests flush by hand */
    public ApiKeyUsage(Database db, boolean scheduled) {
        this.db = Objects.requireNonNull(db, "db");
        this.scheduled = scheduled;
    }

    private synchronized void startTimer() {
        if (flusher != null || closed) {
            return;
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alknet-api-key-usage");
            t.setDaemon(true);
            return t;
        });
        long every = FLUSH_INTERVAL.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Notes that key {@code apiKeyId} authenticated its owner at {@code at}. */
    public void used(String apiKeyId, Instant at) {
        long seconds = at.getEpochSecond();
        Long last = written.getIfPresent(apiKeyId);
        if (last == null || seconds - last >= RESOLUTION.toSeconds()) {
            pending.merge(apiKeyId, seconds, Math::max);
            if (scheduled) {
                startTimer();
            }
        }
    }

    /**
     * Writes what was noted since the last flush, one statement batch in one transaction.
     *
     * @return how many keys were noted
     */
    public int flush() {
        Map<String, Long> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Long at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE id = ? "
                    + "AND (last_used_at IS NULL OR last_used_at < ?)")) {
                for (Map.Entry<String, Long> e : batch.entrySet()) {
                    Sql.bind(s, e.getValue(), e.getKey(), e.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
        batch.forEach(written::put);
        return batch.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // Only bookkeeping is lost (until the key's next use); authentication never depends on it.
            LOG.warn("could not record API key use: {}", e.getMessage());
        }
    }

    /** Stops the timer and writes what is left. */
    @Override
    public void close() {
        ScheduledExecutorService timer;
        synchronized (this) {
            closed = true;
            timer = flusher;
        }
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }
}
