package dev.alknet.callproto.internal;

import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Everything a session engine is built from; assembled and checked by {@code CallSession.Builder}.
 *
 * @param executor runs handlers, subscriber signals and future completions
 * @param ownsExecutor shut the executor down when the session closes
 * @param peerIsHead the peer is this worker's head: calls it forwards run as the identity it names, trusted (it
 *     checked access), and nested calls to operations this node lacks go to it when {@code unknownToPeer}
 * @param unknownToPeer send {@code OperationEnv.invoke} of operations not in the table to the peer
 */
public record SessionConfig(String name, Identity peer, RegistryTable table, ExecutorService executor,
        boolean ownsExecutor, FrameCodec codec, Duration defaultTimeout, int subscriptionBuffer, int outboundWindow,
        boolean peerIsHead, boolean unknownToPeer) {
}
