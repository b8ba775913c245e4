package dev.alknet.transport.internal.server;

import java.io.IOException;
import java.security.PublicKey;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;

/** MINA's public key method with {@link PublicKeyGate} asked first about the presented key. */
final class GatedPublicKeyAuth extends UserAuthPublicKey {

    private final PublicKeyGate gate;

    private GatedPublicKeyAuth(PublicKeyGate gate) {
        this.gate = gate;
    }

    static UserAuthPublicKeyFactory factory(PublicKeyGate gate) {
        return new UserAuthPublicKeyFactory() {
            @Override
            public UserAuthPublicKey createUserAuth(ServerSession session) throws IOException {
                return new GatedPublicKeyAuth(gate);
            }
        };
    }

    @Override
    public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
        PublicKey key = peekKey(buffer);
        if (key != null && !gate.admit(getUsername(), key, getServerSession())) {
            return Boolean.FALSE;
        }
        // A key that does not decode is MINA's to refuse, with its own error.
        return super.doAuth(buffer, init);
    }

    /** The key of a {@code publickey} request ({@code boolean, string alg, string blob, ...}), leaving the buffer as is. */
    private static PublicKey peekKey(Buffer buffer) {
        int start = buffer.rpos();
        try {
            buffer.getBoolean();
            buffer.getString();
            return new ByteArrayBuffer(buffer.getBytes()).getRawPublicKey();
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            buffer.rpos(start);
        }
    }
}
