package dev.alknet.callproto.net.internal;

import dev.alknet.auth.AuthFailure;
import dev.alknet.auth.AuthLog;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.internal.Wire;
import dev.alknet.core.AuthToken;
import dev.alknet.core.Identity;
import dev.alknet.core.IdentityProvider;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.frame.FrameException;
import dev.alknet.core.frame.FrameWriter;
import dev.alknet.core.transport.DuplexStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The server side of first-frame authentication on a raw framing connection. The first frame decides:
 * {@code auth.token} with a valid token → that identity; {@code auth.anonymous} → anonymous; both answered with
 * {@code auth.accepted}. Any other envelope → anonymous, and the frame is the session's first. A bad token gets
 * {@code call.error} ACCESS_DENIED, a broken auth frame or undecodable bytes PROTOCOL_ERROR, and the connection
 * closes. Runs on a thread of its own: it blocks on the stream and verifies signatures.
 */
public final class Admission {

    /** Who the session runs as, and the stream it runs on (with the first frame put back when it was a call). */
    public record Admitted(DuplexStream stream, Identity peer) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    /** The user field of the auth log line: tokens carry no user name. */
    private static final String NO_USER = "-";

    private final TokenCheck tokens;
    private final FrameCodec codec;
    private final AuthLog authLog;

    public Admission(IdentityProvider identities, FrameCodec codec, AuthLog authLog) {
        this.tokens = new TokenCheck(identities);
        this.codec = codec;
        this.authLog = authLog;
    }

    /**
     * Reads and answers the first frame.
     *
     * @param firstFrameRead told once the first frame is in, before the signature is checked (to stop a timer)
     * @return the admitted session's stream and peer, or null when the connection was refused and closed
     */
    public Admitted admit(DuplexStream stream, Runnable firstFrameRead) {
        try {
            ExactFrames.Frame first = ExactFrames.read(stream.input(), codec);
            firstFrameRead.run();
            if (first == null) {
                stream.close();
                return null;
            }
            EventEnvelope envelope = first.envelope();
            return switch (envelope.type()) {
                case AuthFrames.TOKEN -> byToken(stream, envelope.payload());
                case AuthFrames.ANONYMOUS -> accept(stream, Identity.anonymous());
                default -> new Admitted(replaying(first.bytes(), stream), Identity.anonymous());
            };
        } catch (FrameException e) {
            LOG.debug("raw framing connection from {}: malformed first frame ({})", stream.info().remoteIp(),
                    e.kind());
            return refuse(stream, new CallException(ErrorCode.PROTOCOL_ERROR, "malformed frame: " + e.getMessage()));
        } catch (IOException e) {
            LOG.debug("raw framing connection from {} failed before its session: {}", stream.info().remoteIp(),
                    e.toString());
            closeQuietly(stream);
            return null;
        }
    }

    private Admitted byToken(DuplexStream stream, JsonNode payload) throws IOException {
        TransportInfo transport = stream.info();
        JsonNode text = payload.get("token");
        AuthToken token;
        try {
            if (text == null || !text.isString()) {
                throw new IllegalArgumentException("auth.token needs a string field 'token'");
            }
            token = AuthToken.parse(text.stringValue());
        } catch (IllegalArgumentException e) {
            authLog.authRejected(transport, NO_USER, null, AuthFailure.TOKEN_REJECTED);
            return refuse(stream, new CallException(ErrorCode.PROTOCOL_ERROR, e.getMessage()));
        }
        TokenCheck.Verdict verdict;
        try {
            verdict = tokens.check(token, transport);
        } finally {
            token.destroy();
        }
        if (verdict.identity() == null) {
            authLog.authRejected(transport, NO_USER, null, verdict.failure());
            return refuse(stream, new CallException(ErrorCode.ACCESS_DENIED, "token rejected"));
        }
        authLog.authAccepted(transport, NO_USER, verdict.identity().id());
        return accept(stream, verdict.identity());
    }

    private Admitted accept(DuplexStream stream, Identity peer) throws IOException {
        new FrameWriter(stream.output(), codec).write(AuthFrames.accepted(peer.id()));
        return new Admitted(stream, peer);
    }

    /** Tells the client why (request id {@code ""}), lets the frame go out, then closes this connection only. */
    private Admitted refuse(DuplexStream stream, CallException why) {
        try {
            new FrameWriter(stream.output(), codec).write(Wire.error("", why));
            stream.output().close();
        } catch (IOException e) {
            LOG.debug("could not tell a refused raw framing client why: {}", e.toString());
        }
        closeQuietly(stream);
        return null;
    }

    private static void closeQuietly(DuplexStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing a raw framing connection failed: {}", e.toString());
        }
    }

    /** The connection's stream with {@code frame} read again first: a call that came without authentication. */
    private static DuplexStream replaying(byte[] frame, DuplexStream stream) {
        InputStream input = new SequenceInputStream(new ByteArrayInputStream(frame), stream.input());
        return new DuplexStream() {
            @Override
            public InputStream input() {
                return input;
            }

            @Override
            public OutputStream output() {
                return stream.output();
            }

            @Override
            public TransportInfo info() {
                return stream.info();
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }
}
