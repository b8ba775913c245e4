package dev.alknet.transport.internal.client;

import dev.alknet.transport.ReconnectBackoff;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the client's one SSH session and replaces it when it closes: a new connection, authentication and
 * remote forward registration after 1, 2, 4, 8, 16, 30, 30, … seconds, forever, until {@link #close}. Every
 * attempt runs on one scheduler thread, which also owns the backoff; session close events only hand over to it.
 */
public final class SessionKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(SessionKeeper.class);

    private final SshConnector connector;
    private final String serverText;
    private final ScheduledExecutorService scheduler;
    private final ReconnectBackoff backoff = new ReconnectBackoff();
    private volatile ClientSession current;
    private volatile boolean closed;

    public SessionKeeper(SshConnector connector, String serverText) {
        this.connector = connector;
        this.serverText = serverText;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "alknet-client-reconnect");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The first connection, on the caller's thread; its failure is the caller's to report. */
    public void connectFirst() throws IOException {
        adopt(connector.establish());
        LOG.info("connected to {}", serverText);
    }

    /** The session when it is up, else {@code null}. */
    public ClientSession current() {
        ClientSession session = current;
        return session != null && session.isOpen() ? session : null;
    }

    private void adopt(ClientSession session) {
        current = session;
        session.addCloseFutureListener(f -> onClosed(session));
        if (closed) {
            session.close(true);
        }
    }

    private void onClosed(ClientSession session) {
        if (closed || current != session) {
            return;
        }
        current = null;
        LOG.info("disconnected from {}; reconnecting", serverText);
        scheduler.execute(this::scheduleAttempt);
    }

    private void scheduleAttempt() {
        Duration delay = backoff.next();
        scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt() {
        if (closed) {
            return;
        }
        ClientSession session;
        try {
            session = connector.establish();
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("reconnecting to {} failed: {}", serverText, e.getMessage());
                scheduleAttempt();
            }
            return;
        }
        backoff.reset();
        adopt(session);
        LOG.info("reconnected to {}", serverText);
    }

    /** Stops reconnecting and disconnects, waiting up to {@code drain} for the session to close cleanly. */
    public void close(Duration drain) {
        closed = true;
        scheduler.shutdownNow();
        ClientSession session = current;
        current = null;
        if (session != null) {
            session.close(false).awaitUninterruptibly(drain);
            session.close(true);
        }
    }
}
