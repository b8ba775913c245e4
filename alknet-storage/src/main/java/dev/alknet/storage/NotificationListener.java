package dev.alknet.storage;

/** A registered {@link Notifications#listen} handler; closing it stops delivery to it. */
public interface NotificationListener extends AutoCloseable {

    String channel();

    /**
     * How many notifications were dropped because this listener's handler fell more than
     * {@link Notifications#LISTENER_BUFFER} behind (notifications are ephemeral: nobody waits for a slow listener).
     */
    long dropped();

    @Override
    void close();
}
