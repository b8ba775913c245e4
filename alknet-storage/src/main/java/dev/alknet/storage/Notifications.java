package dev.alknet.storage;

import java.util.function.Consumer;

/**
 * Ephemeral publish/subscribe for real-time control signals (the spec's {@code notify}/{@code listen}), beside the
 * durable {@link Streams}. Nothing is stored: a notification reaches the listeners registered when it is sent, at
 * most once each, and is gone.
 *
 * <p>Who hears a notification:
 * <ul>
 *   <li><b>PostgreSQL</b>: every {@code StorageService} on the same database, in any process or machine — sent with
 *       {@code pg_notify} on one server channel and received by each service's {@code LISTEN} connection. Order is
 *       kept per sender.</li>
 *   <li><b>SQLite</b>: every {@code StorageService} on the same database file <em>in this JVM</em>. Notifications do
 *       not cross processes on SQLite (there is no server to carry them); use a durable stream for that, which other
 *       processes see within about 50 ms.</li>
 * </ul>
 * Handlers run on a thread of their listener, one notification at a time, in arrival order; a handler that falls more
 * than {@link #LISTENER_BUFFER} notifications behind loses the newest ones (counted in
 * {@link NotificationListener#dropped()}). A handler that throws is logged and keeps receiving.
 */
public interface Notifications {

    /**
     * Largest payload in UTF-8 bytes, on both databases. PostgreSQL refuses notifications of 8000 bytes or more; the
     * channel name (at most 255 characters, so at most 765 bytes) travels in the same notification.
     */
    int MAX_PAYLOAD_BYTES = 7000;

    /** Notifications a listener may have waiting before new ones are dropped. */
    int LISTENER_BUFFER = 1024;

    /**
     * Sends {@code payload} to everyone listening on {@code channel} now.
     *
     * @param channel 1 to 255 characters, no control characters, no unpaired surrogates, no surrounding white space
     * @param payload any text of at most {@link #MAX_PAYLOAD_BYTES} UTF-8 bytes without U+0000 or unpaired
     *     surrogates (PostgreSQL cannot carry those); may be empty
     * @throws StorageException {@code INVALID} naming what is wrong with the channel or payload
     */
    void notify(String channel, String payload);

    /** Calls {@code handler} for every notification sent on {@code channel} from now until the listener is closed. */
    NotificationListener listen(String channel, Consumer<Notification> handler);
}
