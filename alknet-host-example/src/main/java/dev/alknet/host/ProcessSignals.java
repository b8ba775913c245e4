package dev.alknet.host;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT for the real process: the JVM turns them into a shutdown, whose hook asks the running command
 * to stop and then waits for it to finish closing.
 *
 * <p>The hook ends the JVM itself with the command's exit code: if it simply returned, a process stopped by SIGTERM
 * would exit with 143 even after a clean shutdown, and {@link System#exit} cannot be called while hooks run.
 */
final class ProcessSignals implements StopSignal {

    /** Longer than the server's 2 s drain, short enough that a stuck close does not hang a service manager. */
    private static final long CLOSE_GRACE_SECONDS = 15;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch commandDone = new CountDownLatch(1);
    private volatile int exitCode;

    private ProcessSignals() {
    }

    static ProcessSignals install() {
        ProcessSignals signals = new ProcessSignals();
        Runtime.getRuntime().addShutdownHook(new Thread(signals::onShutdown, "alknet-shutdown"));
        return signals;
    }

    @Override
    public void await() throws InterruptedException {
        stopRequested.await();
    }

    /** Ends the process with {@code code} once the command has returned. */
    void exit(int code) {
        exitCode = code;
        commandDone.countDown();
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private void onShutdown() {
        stopRequested.countDown();
        try {
            if (commandDone.await(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                Runtime.getRuntime().halt(exitCode);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
