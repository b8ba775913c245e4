package dev.alknet.flowgraph;

/**
 * Receives call-protocol events; alknet-callproto's sessions (wired by the host) call it for every event they send
 * or receive. Implementations must not throw: a listener sits on a session's event path.
 */
@FunctionalInterface
public interface CallEventListener {

    void onEvent(CallEvent event);
}
