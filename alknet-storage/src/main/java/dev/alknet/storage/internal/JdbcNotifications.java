package dev.alknet.storage.internal;

import dev.alknet.storage.Notification;
import dev.alknet.storage.NotificationListener;
import dev.alknet.storage.Notifications;
import dev.alknet.storage.StorageException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link Notifications} of one {@code StorageService}: checks what is sent, hands it to the database (which carries
 * it to every service listening on the same database, this one included), and fans what arrives out to this
 * service's listeners.
 */
public final class JdbcNotifications implements Notifications {

    private final Database db;
    private final Map<String, Set<QueuedListener>> listeners = new ConcurrentHashMap<>();

    public JdbcNotifications(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void notify(String channel, String payload) {
        Text.checkName(channel, "notification channel");
        checkPayload(payload);
        db.notify(channel, payload);
    }

    /** @throws StorageException INVALID saying why {@code payload} cannot be sent */
    static void checkPayload(String payload) {
        if (payload == null) {
            throw new StorageException(StorageException.Kind.INVALID, "notification payload must not be null");
        }
        String bad = Text.unstorable(payload);
        if (bad != null) {
            throw new StorageException(StorageException.Kind.INVALID, "notification payload contains " + bad);
        }
        long bytes = Utf8.length(payload);
        if (bytes > MAX_PAYLOAD_BYTES) {
            throw new StorageException(StorageException.Kind.INVALID, "notification payload is " + bytes
                    + " UTF-8 bytes, more than " + MAX_PAYLOAD_BYTES);
        }
    }

    @Override
    public NotificationListener listen(String channel, Consumer<Notification> handler) {
        Text.checkName(channel, "notification channel");
        Objects.requireNonNull(handler, "handler");
        QueuedListener listener = new QueuedListener(channel, handler, this::remove);
        listeners.computeIfAbsent(channel, k -> ConcurrentHashMap.newKeySet()).add(listener);
        return listener;
    }

    /** Called by the database's watcher for every notification that reaches this service. */
    public void deliver(String channel, String payload) {
        Set<QueuedListener> on = listeners.get(channel);
        if (on != null) {
            Notification n = new Notification(channel, payload);
            on.forEach(l -> l.offer(n));
        }
    }

    private void remove(QueuedListener listener) {
        listeners.computeIfPresent(listener.channel(), (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** Stops every listener; storage calls this before it closes the database. */
    public void closeAll() {
        listeners.values().stream().flatMap(Set::stream).toList().forEach(QueuedListener::close);
    }
}
