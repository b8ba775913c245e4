package dev.alknet.host;

/** Tells a long-running command ({@code serve}, {@code connect}) when to shut down. */
interface StopSignal {

    /** Blocks until the command should stop. */
    void await() throws InterruptedException;
}
