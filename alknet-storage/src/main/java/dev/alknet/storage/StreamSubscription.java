package dev.alknet.storage;

/** A running subscription; closing it stops delivery (the offset stays where the last handled event left it). */
public interface StreamSubscription extends AutoCloseable {

    /** The position of the last event handled and committed. */
    long position();

    @Override
    void close();
}
